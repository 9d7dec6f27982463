using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Suspicious;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Stores;

public sealed class StoreService(IDbContextFactory<RegisFlowDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<StoreSummary>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Stores.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new StoreSummary(s.Id, s.Name, s.Address, s.Phone, s.Email, s.IsActive,
                db.Users.Count(u => u.StoreId == s.Id), db.SaleHourCounts.Where(c => c.StoreId == s.Id).Sum(c => c.Sales)))
            .ToListAsync(ct);
    }

    /// <summary>The active stores the caller may work in: every one for an admin, their own for anyone else.</summary>
    public async Task<IReadOnlyList<StoreOption>> ActiveStoresAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stores = db.Stores.AsNoTracking().Where(s => s.IsActive);
        if (!caller.IsAdmin)
        {
            stores = stores.Where(s => s.Id == caller.StoreId);
        }
        return await stores.OrderBy(s => s.Name).Select(s => new StoreOption(s.Id, s.Name)).ToListAsync(ct);
    }

    /// <summary>Every store whose records the caller may read, deactivated ones included: all for an admin, their own for anyone else.</summary>
    public async Task<IReadOnlyList<StoreOption>> ReadableStoresAsync(Caller caller, CancellationToken ct = default)
    {
        var own = caller.ReadableStore(null);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Stores.AsNoTracking().Where(s => own == null || s.Id == own).OrderBy(s => s.Name)
            .Select(s => new StoreOption(s.Id, s.Name)).ToListAsync(ct);
    }

    /// <summary>The warning thresholds of a store the caller may sell in (see <see cref="SaleThresholds"/>).</summary>
    public async Task<SaleThresholds> ThresholdsAsync(Caller caller, int storeId, CancellationToken ct = default)
    {
        var own = caller.ReadableStore(storeId);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Stores.AsNoTracking().Where(s => s.Id == own)
            .Select(s => new SaleThresholds(s.WarnQuantityPerLine, s.WarnTotalQuantity, s.WarnCashTotalQuantity))
            .FirstOrDefaultAsync(ct) ?? SaleThresholds.None;
    }

    /// <summary>The sale settings of the caller's store (an admin's selected one): admins and managers.</summary>
    public async Task<StoreSaleSettingsEdit> GetSaleSettingsAsync(Caller caller, int? storeId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageSaleSettings);
        var id = caller.WritableStore(storeId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await FindAsync(db, id, ct);
        return new(store.Id, store.Name, new StoreSaleSettings { DefaultPaymentMethod = store.DefaultPaymentMethod, PhotosRequired = store.PhotosRequired });
    }

    /// <summary>Changes the sale settings of the caller's store (an admin's selected one), audited as a store change.</summary>
    public async Task UpdateSaleSettingsAsync(Caller caller, int? storeId, StoreSaleSettings settings, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageSaleSettings);
        var id = caller.WritableStore(storeId);
        InvalidInputException.ThrowIfAny(StoreInputValidator.Validate(settings));
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await FindAsync(db, id, ct);
        var before = Describe(store);
        var now = clock.GetUtcNow();
        store.DefaultPaymentMethod = settings.DefaultPaymentMethod;
        store.PhotosRequired = settings.PhotosRequired;
        store.UpdatedAt = now;
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.StoreUpdated, now, new { before, after = Describe(store) }, "store", Id(store), store.Id));
        await db.SaveChangesAsync(ct);
    }

    public async Task<StoreInput> GetForEditAsync(Caller caller, int storeId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await FindAsync(db, storeId, ct);
        return new StoreInput
        {
            Name = store.Name, Address = store.Address, Phone = store.Phone, Email = store.Email, IsActive = store.IsActive,
            WarnQuantityPerLine = store.WarnQuantityPerLine, WarnTotalQuantity = store.WarnTotalQuantity, WarnCashTotalQuantity = store.WarnCashTotalQuantity,
            DefaultPaymentMethod = store.DefaultPaymentMethod, PhotosRequired = store.PhotosRequired,
        };
    }

    public async Task<int> CreateAsync(Caller caller, StoreInput input, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        InvalidInputException.ThrowIfAny(StoreInputValidator.Validate(input));
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureNameFreeAsync(db, input.Name, null, ct);
        var now = clock.GetUtcNow();
        var store = new Store { Name = "", CreatedAt = now };
        Apply(store, input, now);
        db.Stores.Add(store);
        // The store and its audit row are saved together or not at all (the row needs the new store's id).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(db, input, ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.StoreCreated, now, Describe(store), "store", Id(store), store.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return store.Id;
    }

    public async Task UpdateAsync(Caller caller, int storeId, StoreInput input, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        InvalidInputException.ThrowIfAny(StoreInputValidator.Validate(input));
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await FindAsync(db, storeId, ct);
        await EnsureNameFreeAsync(db, input.Name, storeId, ct);
        var before = Describe(store);
        var now = clock.GetUtcNow();
        Apply(store, input, now);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.StoreUpdated, now, new { before, after = Describe(store) }, "store", Id(store), store.Id));
        await SaveAsync(db, input, ct);
    }

    /// <summary>
    /// Why the store cannot be deleted (users or sales refer to it: deactivate it instead), or null when it can: the page asks this
    /// before offering to delete, and <see cref="DeleteAsync"/> checks it again.
    /// </summary>
    public async Task<string?> DeletionRefusalAsync(Caller caller, int storeId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RefusalAsync(db, await FindAsync(db, storeId, ct), ct);
    }

    /// <summary>Deletes a store that no user and no sale refers to; otherwise says why (deactivate it instead).</summary>
    public async Task DeleteAsync(Caller caller, int storeId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await FindAsync(db, storeId, ct);
        if (await RefusalAsync(db, store, ct) is { } refusal)
        {
            throw new InvalidInputException("", refusal);
        }
        db.Stores.Remove(store);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.StoreDeleted, clock.GetUtcNow(), Describe(store), "store", Id(store), null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation })
        {
            throw new InvalidInputException("", $"Le magasin « {store.Name} » vient d'être utilisé et ne peut plus être supprimé. Désactivez-le plutôt.");
        }
    }

    private static async Task<string?> RefusalAsync(RegisFlowDbContext db, Store store, CancellationToken ct)
    {
        var users = await db.Users.CountAsync(u => u.StoreId == store.Id, ct);
        var sales = await db.Sales.CountAsync(s => s.StoreId == store.Id, ct);
        if (users == 0 && sales == 0)
        {
            return null;
        }
        var reasons = new List<string>();
        if (users > 0)
        {
            reasons.Add($"{French.Count(users, "utilisateur", "utilisateurs")} {French.Agree(users, "y est rattaché", "y sont rattachés")}");
        }
        if (sales > 0)
        {
            reasons.Add($"{French.Count(sales, "vente", "ventes")} {French.Agree(sales, "y est enregistrée", "y sont enregistrées")}");
        }
        return $"Le magasin « {store.Name} » ne peut pas être supprimé : {string.Join(" et ", reasons)}. Désactivez-le plutôt.";
    }

    private static async Task<Store> FindAsync(RegisFlowDbContext db, int storeId, CancellationToken ct) =>
        await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, ct)
        ?? throw new InvalidInputException("", "Ce magasin n'existe plus.");

    private static async Task EnsureNameFreeAsync(RegisFlowDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        var lower = TypedText.Clean(name).ToLower(CultureInfo.InvariantCulture);
        if (await db.Stores.AnyAsync(s => s.Name.ToLower() == lower && s.Id != exceptId, ct))
        {
            throw NameTaken(name);
        }
    }

    private static async Task SaveAsync(RegisFlowDbContext db, StoreInput input, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw NameTaken(input.Name);
        }
    }

    private static InvalidInputException NameTaken(string name) =>
        new(nameof(StoreInput.Name), $"Un magasin s'appelle déjà « {TypedText.Clean(name)} ».");

    private static void Apply(Store store, StoreInput input, DateTimeOffset now)
    {
        store.Name = TypedText.Clean(input.Name);
        store.Address = TypedText.CleanOrNull(input.Address);
        store.Phone = Blank(input.Phone);
        store.Email = Blank(input.Email);
        store.IsActive = input.IsActive;
        store.WarnQuantityPerLine = input.WarnQuantityPerLine;
        store.WarnTotalQuantity = input.WarnTotalQuantity;
        store.WarnCashTotalQuantity = input.WarnCashTotalQuantity;
        store.DefaultPaymentMethod = input.DefaultPaymentMethod;
        store.PhotosRequired = input.PhotosRequired;
        store.UpdatedAt = now;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static object Describe(Store store) => new
    {
        name = store.Name, address = store.Address, phone = store.Phone, email = store.Email, isActive = store.IsActive,
        warnQuantityPerLine = store.WarnQuantityPerLine, warnTotalQuantity = store.WarnTotalQuantity, warnCashTotalQuantity = store.WarnCashTotalQuantity,
        defaultPaymentMethod = store.DefaultPaymentMethod?.ToString(), photosRequired = store.PhotosRequired,
    };

    private static string Id(Store store) => store.Id.ToString(CultureInfo.InvariantCulture);
}
