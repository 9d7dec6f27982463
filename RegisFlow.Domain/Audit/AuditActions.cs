namespace RegisFlow.Domain.Audit;

public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLockedOut = "login.locked-out";
    public const string Logout = "logout";
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
}
