using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Integrity;

/// <summary>Puts sales at the end of their store's chain.</summary>
public static class SaleChain
{
    private const int SealBatch = 500;

    /// <summary>
    /// Gives a new sale its number, rank and hash after the last link of its store, inside the caller's transaction: the store's
    /// chain head stays locked until that transaction ends, so two sales saved at once in one store are chained one after the other.
    /// The caller adds the sale and saves.
    /// </summary>
    public static async Task AppendAsync(RegisFlowDbContext db, Sale sale, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A sale is chained inside the transaction that saves it.");
        }
        var head = await LockHeadAsync(db, sale.StoreId, now, ct);
        sale.Id = await db.Database.SqlQuery<long>($"SELECT nextval(pg_get_serial_sequence('sales', 'id')) AS \"Value\"").SingleAsync(ct);
        Seal(head, sale, SaleSeal.PhotosOf(sale), now);
    }

    /// <summary>Seals <paramref name="sale"/> (its number already given) right after <paramref name="head"/>, and moves the head to it.</summary>
    public static void Seal(ChainHead head, Sale sale, IEnumerable<PhotoSeal> photos, DateTimeOffset now)
    {
        var position = head.Length + 1;
        var hash = SaleSeal.Compute(head.Hash, sale.StoreId, position, SaleSeal.RecordOf(sale), photos);
        sale.ChainPosition = position;
        sale.ChainHash = hash;
        head.Length = position;
        head.Hash = hash;
        head.UpdatedAt = now;
    }

    /// <summary>
    /// Chains, in number order, the sales of every store whose chain has not started yet: the register as it was before sales were
    /// chained, or restored from a backup made before. A store whose chain has started never gets a sale chained here: a sale
    /// without a hash there was written outside the application, and the integrity check reports it. Returns how many were sealed.
    /// </summary>
    public static async Task<long> SealUnchainedAsync(IDbContextFactory<RegisFlowDbContext> factory, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        List<int> stores;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            stores = await db.Sales.Where(s => s.ChainPosition == null && !db.ChainHeads.Any(h => h.StoreId == s.StoreId))
                .Select(s => s.StoreId).Distinct().ToListAsync(ct);
        }
        long sealedCount = 0;
        foreach (var storeId in stores)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var head = await LockHeadAsync(db, storeId, now, ct);
            if (head.Length > 0)
            {
                continue;
            }
            while (true)
            {
                var sales = await db.Sales.Include(s => s.Lines)
                    .Where(s => s.StoreId == storeId && s.ChainPosition == null)
                    .OrderBy(s => s.Id).Take(SealBatch).AsSplitQuery().ToListAsync(ct);
                if (sales.Count == 0)
                {
                    break;
                }
                var ids = sales.Select(s => s.Id).ToList();
                var photos = (await db.SalePhotos.Where(p => ids.Contains(p.SaleId))
                        .Select(p => new { p.SaleId, p.Kind, p.ContentSha256 }).ToListAsync(ct))
                    .ToLookup(p => p.SaleId, p => new PhotoSeal(p.Kind, p.ContentSha256 ?? []));
                foreach (var sale in sales)
                {
                    Seal(head, sale, photos[sale.Id], now);
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                db.Attach(head);
                sealedCount += sales.Count;
            }
            await transaction.CommitAsync(ct);
            logger.LogInformation("Chaîne d'intégrité du magasin {StoreId} calculée pour ses ventes existantes (rang {Length})", storeId, head.Length);
        }
        return sealedCount;
    }

    private static async Task<ChainHead> LockHeadAsync(RegisFlowDbContext db, int storeId, DateTimeOffset now, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO chain_heads (store_id, length, hash, updated_at) VALUES ({storeId}, 0, {SaleSeal.Genesis}, {now}) ON CONFLICT (store_id) DO NOTHING", ct);
        return await db.ChainHeads.FromSql($"SELECT * FROM chain_heads WHERE store_id = {storeId} FOR UPDATE").SingleAsync(ct);
    }
}
