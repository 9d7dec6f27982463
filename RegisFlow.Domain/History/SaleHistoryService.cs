using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.History;

/// <summary>Reading the register page by page, one sale's details and photos, and deleting a sale; always scoped by the caller.</summary>
public sealed class SaleHistoryService(IDbContextFactory<RegisFlowDbContext> factory, RegisFlowOptions options, PhotoKey photoKey, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    public const int MaxReasonLength = 500;

    private readonly TimeZoneInfo _zone = options.Zone;

    public TimeZoneInfo TimeZone => _zone;

    /// <summary>
    /// One page of the sales matching <paramref name="query"/>, newest first, read by keyset from <paramref name="cursor"/> (the last row
    /// shown to go <see cref="HistoryMove.Older"/>, the first to go <see cref="HistoryMove.Newer"/>), so any page costs the same as the first.
    /// </summary>
    /// <param name="counted">The counts of a page already shown with the same filters: moving through pages does not count again.</param>
    public async Task<SaleHistoryPage> GetPageAsync(Caller caller, SaleExportQuery query, HistoryMove move = HistoryMove.First,
        HistoryCursor? cursor = null, int pageSize = 25, SaleHistoryPage? counted = null, CancellationToken ct = default)
    {
        caller.Demand(Permission.ReadSales);
        query.ThrowIfInvalid();
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        if (move is HistoryMove.Older or HistoryMove.Newer && cursor is null)
        {
            move = HistoryMove.First;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var filtered = db.Sales.AsNoTracking().VisibleTo(caller, query.StoreId).Matching(query, _zone);
        var newestFirst = move is HistoryMove.First or HistoryMove.Older;
        var page = move switch
        {
            HistoryMove.Older => filtered.Where(s => EF.Functions.LessThan(ValueTuple.Create(s.SoldAt, s.Id), ValueTuple.Create(cursor!.SoldAt, cursor.Id))),
            HistoryMove.Newer => filtered.Where(s => EF.Functions.GreaterThan(ValueTuple.Create(s.SoldAt, s.Id), ValueTuple.Create(cursor!.SoldAt, cursor.Id))),
            _ => filtered,
        };
        page = newestFirst ? page.OrderByDescending(s => s.SoldAt).ThenByDescending(s => s.Id) : page.OrderBy(s => s.SoldAt).ThenBy(s => s.Id);
        var rows = await page.Take(pageSize + 1).Select(SaleProjections.Row).ToListAsync(ct);
        var more = rows.Count > pageSize;
        rows = [.. rows.Take(pageSize)];
        if (!newestFirst)
        {
            rows.Reverse();
        }
        var articles = await ArticlesAsync(db, rows.Select(r => r.Id).ToList(), ct);
        var counts = new SaleCounts(db, _zone);
        var total = counted?.Total ?? await counts.InScopeAsync(caller, query.StoreId, ct);
        var matching = counted?.Matching ?? await counts.MatchingAsync(caller, query, filtered, total, ct);
        return new SaleHistoryPage(
            [.. rows.Select(r => r.ToRow(articles.GetValueOrDefault(r.Id) ?? []))],
            matching,
            total,
            HasNewer: move switch { HistoryMove.First => false, HistoryMove.Older => true, _ => more },
            HasOlder: move switch { HistoryMove.Last => false, HistoryMove.Newer => true, _ => more });
    }

    /// <summary>The articles of the listed sales, in one query on the lines' (sale, position) index.</summary>
    private static async Task<Dictionary<long, List<SaleArticle>>> ArticlesAsync(RegisFlowDbContext db, List<long> saleIds, CancellationToken ct)
    {
        var lines = await db.SaleLines.AsNoTracking()
            .Where(l => saleIds.Contains(l.SaleId))
            .OrderBy(l => l.SaleId).ThenBy(l => l.Position)
            .Select(l => new { l.SaleId, Article = new SaleArticle(l.ArticleType, l.Category, l.Quantity) })
            .ToListAsync(ct);
        return lines.GroupBy(l => l.SaleId).ToDictionary(g => g.Key, g => g.Select(l => l.Article).ToList());
    }

    /// <summary>
    /// Every field, line and photo description of one sale (the details dialog), audited as an access to personal data; null when
    /// it does not exist; refused when it belongs to a store the caller may not read.
    /// </summary>
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
        var record = await db.Sales.AsNoTracking().AsSplitQuery()
            .Where(s => s.Id == saleId)
            .Select(SaleProjections.Record(db))
            .FirstOrDefaultAsync(ct);
        if (record is not null)
        {
            // The buyer's personal data is about to be shown: who saw it is recorded before it leaves.
            db.AuditEvents.Add(AuditLog.For(caller, AuditActions.SaleViewed, clock.GetUtcNow(), new { saleNumber = saleId },
                "Sale", Number(saleId), record.StoreId));
            await db.SaveChangesAsync(ct);
        }
        return record;
    }

    /// <summary>
    /// The JPEG of one photo, decrypted, only when its sale is visible to the caller (null otherwise); each view is audited;
    /// <see cref="PhotoUnreadableException"/> when the configured key does not open it.
    /// </summary>
    public async Task<PhotoContent?> GetPhotoAsync(Caller caller, long photoId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ReadSales);
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = db.Sales.VisibleTo(caller);
        var photo = await db.SalePhotos.AsNoTracking()
            .Where(p => p.Id == photoId)
            .Join(visible, p => p.SaleId, s => s.Id, (p, s) => new { p.SaleId, p.Kind, p.ContentType, p.Data, p.EncryptionKeyId, p.ContentSha256, s.StoreId })
            .FirstOrDefaultAsync(ct);
        if (photo is null)
        {
            return null;
        }
        var content = new PhotoContent(photo.ContentType, photoKey.Open(photo.Data, photo.EncryptionKeyId, photo.ContentSha256), photo.SaleId, photo.Kind);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.PhotoViewed, clock.GetUtcNow(), new { saleNumber = photo.SaleId, kind = photo.Kind.ToString() },
            "Sale", Number(photo.SaleId), photo.StoreId));
        await db.SaveChangesAsync(ct);
        return content;
    }

    /// <summary>
    /// Deletes a sale with its lines and photos, leaves a tombstone in its store's chain (number, rank, hash, who and why), and keeps
    /// who, when, why, the sale number and the store in the audit trail.
    /// Managers delete in their store only, admins anywhere, employees never.
    /// </summary>
    public async Task DeleteAsync(Caller caller, long saleId, string reason, CancellationToken ct = default)
    {
        caller.Demand(Permission.DeleteSale);
        if (TypedText.Problem(reason, multiLine: true) is { } problem)
        {
            throw new ArgumentException(problem, nameof(reason));
        }
        reason = TypedText.Clean(reason);
        if (reason.Length == 0)
        {
            throw new ArgumentException("Indiquez le motif de la suppression.", nameof(reason));
        }
        if (reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"Le motif ne peut dépasser {MaxReasonLength} caractères.", nameof(reason));
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sale = await db.Sales.AsNoTracking()
            .Where(s => s.Id == saleId)
            .Select(s => new { s.StoreId, s.SoldAt, StoreName = s.Store!.Name, s.ChainPosition, s.ChainHash })
            .FirstOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException("Cette vente n'existe pas ou a déjà été supprimée.");
        caller.ReadableStore(sale.StoreId);

        var now = clock.GetUtcNow();
        if (await db.Sales.Where(s => s.Id == saleId).ExecuteDeleteAsync(ct) == 0)
        {
            throw new KeyNotFoundException("Cette vente n'existe pas ou a déjà été supprimée.");
        }
        // The chain keeps the sale's place and hash, so that it still verifies without the buyer's data.
        db.SaleTombstones.Add(new SaleTombstone
        {
            SaleId = saleId, StoreId = sale.StoreId, SoldAt = sale.SoldAt, ChainPosition = sale.ChainPosition, ChainHash = sale.ChainHash,
            Kind = TombstoneKind.Deleted, RemovedAt = now, RemovedByUserId = caller.UserId, RemovedBy = caller.UserName, Reason = reason,
        });
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.SaleDeleted, now,
            new { saleNumber = saleId, store = sale.StoreName, soldAt = sale.SoldAt, reason },
            targetType: "Sale", targetId: Number(saleId), storeId: sale.StoreId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static string Number(long saleId) => saleId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
