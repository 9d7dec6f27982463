using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Stores;

public sealed class StoreService(IDbContextFactory<RegisFlowDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<StoreSummary>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Stores.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new StoreSummary(s.Id, s.Name, s.Address, s.Phone, s.Email, s.IsActive,
                db.Users.Count(u => u.StoreId == s.Id), db.Sales.Count(x => x.StoreId == s.Id)))
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

    public async Task<StoreInput> GetForEditAsync(Caller caller, int storeId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await FindAsync(db, storeId, ct);
        return new StoreInput { Name = store.Name, Address = store.Address, Phone = store.Phone, Email = store.Email, IsActive = store.IsActive };
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
        await SaveAsync(db, input, ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.StoreCreated, now, Describe(store), "store", Id(store), store.Id));
        await db.SaveChangesAsync(ct);
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

    /// <summary>Deletes a store that no user and no sale refers to; otherwise says why (deactivate it instead).</summary>
    public async Task DeleteAsync(Caller caller, int storeId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageStores);
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await FindAsync(db, storeId, ct);
        var users = await db.Users.CountAsync(u => u.StoreId == storeId, ct);
        var sales = await db.Sales.CountAsync(s => s.StoreId == storeId, ct);
        if (users > 0 || sales > 0)
        {
            var reasons = new List<string>();
            if (users > 0)
            {
                reasons.Add(users == 1 ? "1 utilisateur y est rattaché" : $"{users} utilisateurs y sont rattachés");
            }
            if (sales > 0)
            {
                reasons.Add(sales == 1 ? "1 vente y est enregistrée" : $"{sales} ventes y sont enregistrées");
            }
            throw new InvalidInputException("",
                $"Le magasin « {store.Name} » ne peut pas être supprimé : {string.Join(" et ", reasons)}. Désactivez-le plutôt.");
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

    private static async Task<Store> FindAsync(RegisFlowDbContext db, int storeId, CancellationToken ct) =>
        await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId, ct)
        ?? throw new InvalidInputException("", "Ce magasin n'existe plus.");

    private static async Task EnsureNameFreeAsync(RegisFlowDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        var lower = name.Trim().ToLower(CultureInfo.InvariantCulture);
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
        new(nameof(StoreInput.Name), $"Un magasin s'appelle déjà « {name.Trim()} ».");

    private static void Apply(Store store, StoreInput input, DateTimeOffset now)
    {
        store.Name = input.Name.Trim();
        store.Address = Blank(input.Address);
        store.Phone = Blank(input.Phone);
        store.Email = Blank(input.Email);
        store.IsActive = input.IsActive;
        store.UpdatedAt = now;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static object Describe(Store store) => new
    {
        name = store.Name, address = store.Address, phone = store.Phone, email = store.Email, isActive = store.IsActive,
    };

    private static string Id(Store store) => store.Id.ToString(CultureInfo.InvariantCulture);
}
