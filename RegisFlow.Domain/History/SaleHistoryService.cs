using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.History;

/// <summary>Reading the register page by page, one sale's details and photos, and deleting a sale; always scoped by the caller.</summary>
public sealed class SaleHistoryService(IDbContextFactory<RegisFlowDbContext> factory, RegisFlowOptions options, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    public const int MaxReasonLength = 500;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);

    public TimeZoneInfo TimeZone => _zone;

    /// <summary>
    /// One page of the sales matching <paramref name="query"/>, with the number that match and the number the caller may see in scope.
    /// </summary>
    public async Task<SaleHistoryPage> GetPageAsync(Caller caller, SaleExportQuery query, int page, int pageSize,
        SaleSortField sort = SaleSortField.SoldAt, bool descending = true, CancellationToken ct = default)
    {
        caller.Demand(Permission.ReadSales);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = db.Sales.AsNoTracking().VisibleTo(caller, query.StoreId);
        var filtered = visible.Matching(query, _zone);

        var total = await visible.CountAsync(ct);
        var count = query.HasFilters ? await filtered.CountAsync(ct) : total;
        var rows = await Sorted(filtered, sort, descending)
            .Skip(page * pageSize)
            .Take(pageSize)
            .Select(SaleProjections.Row)
            .ToListAsync(ct);
        return new SaleHistoryPage(rows, count, total);
    }

    /// <summary>Every field, line and photo description of one sale; null when it does not exist; refused when it belongs to a store the caller may not read.</summary>
    public async Task<SaleRecord?> GetAsync(Caller caller, long saleId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ReadSales);
        await using var db = await factory.CreateDbContextAsync(ct);
        var storeId = await db.Sales.Where(s => s.Id == saleId).Select(s => (int?)s.StoreId).FirstOrDefaultAsync(ct);
        if (storeId is null)
        {
            return null;
        }
        caller.ReadableStore(storeId);
        return await db.Sales.AsNoTracking().AsSplitQuery()
            .Where(s => s.Id == saleId)
            .Select(SaleProjections.Record(db))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The bytes of one photo, only when its sale is visible to the caller (null otherwise).</summary>
    public async Task<PhotoContent?> GetPhotoAsync(Caller caller, long photoId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ReadSales);
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = db.Sales.VisibleTo(caller);
        return await db.SalePhotos.AsNoTracking()
            .Where(p => p.Id == photoId && visible.Any(s => s.Id == p.SaleId))
            .Select(p => new PhotoContent(p.ContentType, p.Data))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Deletes a sale with its lines and photos, and keeps who, when, why, the sale number and the store in the audit trail.
    /// Managers delete in their store only, admins anywhere, employees never.
    /// </summary>
    public async Task DeleteAsync(Caller caller, long saleId, string reason, CancellationToken ct = default)
    {
        caller.Demand(Permission.DeleteSale);
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw new ArgumentException("Indiquez le motif de la suppression.", nameof(reason));
        }
        if (reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"Le motif ne peut dépasser {MaxReasonLength} caractères.", nameof(reason));
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var sale = await db.Sales.AsNoTracking()
            .Where(s => s.Id == saleId)
            .Select(s => new { s.StoreId, s.SoldAt, StoreName = s.Store!.Name })
            .FirstOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException("Cette vente n'existe pas ou a déjà été supprimée.");
        caller.ReadableStore(sale.StoreId);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Sales.Where(s => s.Id == saleId).ExecuteDeleteAsync(ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.SaleDeleted, clock.GetUtcNow(),
            new { saleNumber = saleId, store = sale.StoreName, soldAt = sale.SoldAt, reason },
            targetType: "Sale", targetId: saleId.ToString(System.Globalization.CultureInfo.InvariantCulture), storeId: sale.StoreId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static IQueryable<Sales.Sale> Sorted(IQueryable<Sales.Sale> sales, SaleSortField sort, bool descending) => (sort, descending) switch
    {
        (SaleSortField.Number, false) => sales.OrderBy(s => s.Id),
        (SaleSortField.Number, true) => sales.OrderByDescending(s => s.Id),
        (SaleSortField.Buyer, false) => sales.OrderBy(s => s.BuyerLastName).ThenBy(s => s.BuyerFirstName).ThenBy(s => s.Id),
        (SaleSortField.Buyer, true) => sales.OrderByDescending(s => s.BuyerLastName).ThenByDescending(s => s.BuyerFirstName).ThenByDescending(s => s.Id),
        (SaleSortField.Seller, false) => sales.OrderBy(s => s.SellerName).ThenBy(s => s.Id),
        (SaleSortField.Seller, true) => sales.OrderByDescending(s => s.SellerName).ThenByDescending(s => s.Id),
        (SaleSortField.Store, false) => sales.OrderBy(s => s.Store!.Name).ThenBy(s => s.SoldAt).ThenBy(s => s.Id),
        (SaleSortField.Store, true) => sales.OrderByDescending(s => s.Store!.Name).ThenByDescending(s => s.SoldAt).ThenByDescending(s => s.Id),
        (_, false) => sales.OrderBy(s => s.SoldAt).ThenBy(s => s.Id),
        _ => sales.OrderByDescending(s => s.SoldAt).ThenByDescending(s => s.Id),
    };
}
