namespace RegisFlow.Domain.Audit;

public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLockedOut = "login.locked-out";
    public const string Logout = "logout";
    public const string SessionsEnded = "sessions.ended";
    public const string PasswordChanged = "password.changed";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserDeleted = "user.deleted";
    public const string StoreCreated = "store.created";
    public const string StoreUpdated = "store.updated";
    public const string StoreDeleted = "store.deleted";
    public const string SaleCreated = "sale.created";
    public const string SaleDeleted = "sale.deleted";
    public const string SaleRefused = "sale.refused";
    public const string Export = "export";
    public const string BackupCreated = "backup.created";
    public const string BackupFailed = "backup.failed";
    public const string BackupRestored = "backup.restored";
    public const string BackupDownloaded = "backup.downloaded";
    public const string Purge = "purge";
    public const string AccessDenied = "access.denied";
    public const string AdminSeeded = "admin.seeded";

    /// <summary>A sale's details were opened: its buyer's personal data was shown.</summary>
    public const string SaleViewed = "sale.viewed";
    public const string PhotoViewed = "photo.viewed";
    public const string AuditExported = "audit.exported";
    public const string IntegrityChecked = "integrity.checked";
    public const string InspectionRegister = "inspection.register";
    public const string SalesChained = "sales.chained";
    public const string CatalogueChanged = "catalogue.changed";
    public const string CatalogueImported = "catalogue.imported";

    /// <summary>A returning buyer's details were read from their last sale to fill a new one.</summary>
    public const string ReturningBuyerViewed = "buyer.reused";
    public const string SuspiciousAttemptRecorded = "suspicious.recorded";
    public const string SuspiciousAttemptPrinted = "suspicious.printed";
}
