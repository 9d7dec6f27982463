using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Users;

public enum Permission
{
    ReadSales,
    CreateSale,
    DeleteSale,
    ExportSales,
    ManageUsers,
    ManageStores,
    ManageBackups,
    RunPurge,
    ViewAdministration,

    /// <summary>The audit journal: an admin reads every row, a manager their store's.</summary>
    ReadAuditJournal,
    VerifyIntegrity,

    /// <summary>The register printed for an inspection, per store and period.</summary>
    PrintInspectionRegister,

    /// <summary>A store's catalogue of articles (reference, type, category, label): admins and managers, in their store.</summary>
    ManageCatalogue,
    /// <summary>The refused sales recorded as suspicious attempts, and their report for the authorities.</summary>
    ReadSuspiciousAttempts,

    /// <summary>A store's settings of the sale form (default payment method, required photos): admins and managers, in their store.</summary>
    ManageSaleSettings,
}

/// <summary>Raised by a domain service when the caller may not do what was asked; the message is shown to the user.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>
/// The one place that says what each role may do and which store's data it may touch.
/// Employee: new sale and history of their store. Manager: the same, plus delete, export, the audit journal and the register
/// for inspection, in their store.
/// Admin: everything, every store.
/// </summary>
public static class AccessPolicy
{
    public static bool Can(this Caller caller, Permission permission) => permission switch
    {
        Permission.ReadSales or Permission.CreateSale => true,
        Permission.DeleteSale or Permission.ExportSales or Permission.ReadAuditJournal or Permission.PrintInspectionRegister
            or Permission.ManageCatalogue or Permission.ReadSuspiciousAttempts or Permission.ManageSaleSettings =>
            caller.Role is UserRole.Admin or UserRole.Manager,
        _ => caller.Role == UserRole.Admin,
    };

    public static void Demand(this Caller caller, Permission permission)
    {
        if (!caller.Can(permission))
        {
            throw new AccessDeniedException("Vous n'avez pas les droits nécessaires pour cette action.");
        }
    }

    /// <summary>
    /// The store whose sales the caller reads: an admin reads the requested store, or every store when none is given;
    /// anyone else reads their own store only, and asking for another one is refused.
    /// </summary>
    public static int? ReadableStore(this Caller caller, int? requestedStoreId)
    {
        if (caller.IsAdmin)
        {
            return requestedStoreId;
        }
        if (requestedStoreId is not null && requestedStoreId != caller.StoreId)
        {
            throw new AccessDeniedException("Vous n'avez accès qu'aux ventes de votre magasin.");
        }
        return caller.StoreId ?? throw new AccessDeniedException("Votre compte n'est rattaché à aucun magasin.");
    }

    /// <summary>The store a new sale goes into: an admin's selected store, anyone else's own store.</summary>
    public static int WritableStore(this Caller caller, int? requestedStoreId)
    {
        if (caller.IsAdmin)
        {
            return requestedStoreId ?? throw new AccessDeniedException("Choisissez d'abord un magasin dans la barre du haut.");
        }
        if (requestedStoreId is not null && requestedStoreId != caller.StoreId)
        {
            throw new AccessDeniedException("Vous ne pouvez enregistrer des ventes que dans votre magasin.");
        }
        return caller.StoreId ?? throw new AccessDeniedException("Votre compte n'est rattaché à aucun magasin.");
    }

    /// <summary>Sales the caller may see: every query on sales starts here.</summary>
    public static IQueryable<Sale> VisibleTo(this IQueryable<Sale> sales, Caller caller, int? requestedStoreId = null)
    {
        var storeId = caller.ReadableStore(requestedStoreId);
        return storeId is null ? sales : sales.Where(s => s.StoreId == storeId);
    }
}
