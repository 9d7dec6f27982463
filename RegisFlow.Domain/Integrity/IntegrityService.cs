using System.Data;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Integrity;

/// <summary>
/// "Vérifier l'intégrité": walks each store's chain from its first link, recomputes the hash of every sale still in the register,
/// takes the hash of each deleted or purged one from its tombstone, and checks that the chain ends at the store's head. The first
/// link that does not hold is named. A failed check raises <see cref="AlertKinds.IntegrityCheckFailed"/>, a passing one ends it;
/// each check is written to the audit trail.
/// </summary>
public sealed class IntegrityService(IDbContextFactory<RegisFlowDbContext> factory, TimeProvider clock, JobRecorder recorder)
{
    /// <summary>Links read per query while walking a chain.</summary>
    public const int Window = 1000;

    public Task<IntegrityReport> CheckAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.VerifyIntegrity);
        return RunAsync(caller, "manuelle", ct);
    }

    /// <summary>The nightly check, after the purge.</summary>
    public Task<IntegrityReport> CheckScheduledAsync(CancellationToken ct = default) => RunAsync(null, "planifiée", ct);

    /// <summary>The latest check recorded, or null when none ran yet.</summary>
    public async Task<IntegrityCheckView?> LastAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.VerifyIntegrity);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.AuditEvents.AsNoTracking().Where(a => a.Action == AuditActions.IntegrityChecked)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.OccurredAt, a.UserName, a.Details }).FirstOrDefaultAsync(ct);
        if (row?.Details is null)
        {
            return null;
        }
        using var details = JsonDocument.Parse(row.Details);
        return new IntegrityCheckView(row.OccurredAt, row.UserName,
            details.RootElement.GetProperty("passed").GetBoolean(), details.RootElement.GetProperty("summary").GetString() ?? "");
    }

    /// <summary>One store's chain checked now (for the register printed for an inspection); the caller's scope is checked by its service.</summary>
    internal async Task<StoreChainStatus> CheckStoreAsync(int storeId, string storeName, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CheckStoreAsync(db, storeId, storeName, ct);
    }

    private async Task<IntegrityReport> RunAsync(Caller? caller, string trigger, CancellationToken ct)
    {
        try
        {
            return await recorder.RunAsync(JobNames.Integrity, trigger, AlertKinds.IntegrityCheckFailed, async () =>
            {
                var report = await CheckAllAsync(ct);
                await AuditAsync(caller, report, ct);
                return report.Passed ? report : throw new IntegrityCheckFailedException(report);
            }, r => new { r.SalesChecked, stores = r.Stores.Count });
        }
        catch (IntegrityCheckFailedException failed)
        {
            return failed.Report;
        }
    }

    private async Task<IntegrityReport> CheckAllAsync(CancellationToken ct)
    {
        List<(int Id, string Name)> stores;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            stores = (await db.Stores.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
                .Select(s => (s.Id, s.Name)).ToList();
        }
        var results = new List<StoreChainStatus>();
        foreach (var (id, name) in stores)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            results.Add(await CheckStoreAsync(db, id, name, ct));
        }
        return new IntegrityReport(clock.GetUtcNow(), results);
    }

    /// <summary>Reads the store's chain from one snapshot, so that a sale deleted meanwhile is seen either as a sale or as a tombstone.</summary>
    private static async Task<StoreChainStatus> CheckStoreAsync(RegisFlowDbContext db, int storeId, string storeName, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var head = await db.ChainHeads.AsNoTracking().FirstOrDefaultAsync(h => h.StoreId == storeId, ct);
        var sales = db.Sales.AsNoTracking().Where(s => s.StoreId == storeId);
        var tombstones = db.SaleTombstones.AsNoTracking().Where(t => t.StoreId == storeId);
        var last = Math.Max(head?.Length ?? 0, Math.Max(
            await sales.MaxAsync(s => s.ChainPosition, ct) ?? 0,
            await tombstones.MaxAsync(t => t.ChainPosition, ct) ?? 0));

        var walk = new ChainWalk(storeId, storeName);
        for (var from = 1L; from <= last && walk.Break is null; from += Window)
        {
            var to = from + Window;
            var window = await sales.Where(s => s.ChainPosition >= from && s.ChainPosition < to)
                .OrderBy(s => s.ChainPosition).AsSplitQuery().Select(Sealed).ToListAsync(ct);
            var ids = window.Select(s => s.Record.Id).ToList();
            var photos = (await db.SalePhotos.AsNoTracking().Where(p => ids.Contains(p.SaleId))
                    .Select(p => new { p.SaleId, p.Kind, p.ContentSha256 }).ToListAsync(ct))
                .ToLookup(p => p.SaleId, p => new PhotoSeal(p.Kind, p.ContentSha256 ?? []));
            var removed = await tombstones.Where(t => t.ChainPosition >= from && t.ChainPosition < to)
                .Select(t => new Link(t.ChainPosition!.Value, t.SaleId, t.ChainHash!, null)).ToListAsync(ct);
            var links = window.Select(s => new Link(s.Position, s.Record.Id, s.Hash, previous => SaleSeal.Compute(previous, storeId, s.Position, s.Record, photos[s.Record.Id])))
                .Concat(removed)
                .OrderBy(l => l.Position).ThenBy(l => l.SaleNumber);
            foreach (var link in links)
            {
                if (!walk.Follow(link))
                {
                    break;
                }
            }
        }
        walk.End(head);
        if (walk.Break is null && await sales.Where(s => s.ChainPosition == null).OrderBy(s => s.Id).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct) is { } unsealed)
        {
            walk.Break = new ChainBreak(storeId, storeName, unsealed, "cette vente n'a pas d'empreinte : elle a été écrite dans la base hors de l'application.");
        }
        return new StoreChainStatus(storeId, storeName, head?.Length ?? 0, SaleSeal.Hex(head?.Hash ?? SaleSeal.Genesis),
            walk.SalesChecked, walk.Removed, walk.Break);
    }

    private async Task AuditAsync(Caller? caller, IntegrityReport report, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var broken = report.FirstBreak;
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.IntegrityChecked, clock.GetUtcNow(), new
        {
            passed = report.Passed,
            summary = report.Summary,
            sales = report.SalesChecked,
            stores = report.Stores.Count,
            saleNumber = broken?.SaleNumber,
            brokenStoreId = broken?.StoreId,
        }, "register", storeId: broken?.StoreId));
        await db.SaveChangesAsync(ct);
    }

    private sealed record SealedSale(long Position, byte[] Hash, SaleRecord Record);

    private static readonly Expression<Func<Sale, SealedSale>> Sealed = s => new SealedSale(
        s.ChainPosition!.Value,
        s.ChainHash!,
        new SaleRecord(s.Id, s.StoreId, "", s.SoldAt, s.SellerName, s.BuyerLastName, s.BuyerFirstNames, s.BuyerBirthDate, s.BuyerBirthPlace,
            s.BuyerAddress, s.PaymentMethod, s.IdDocumentType, s.IdDocumentNumber, s.IdDocumentAuthority, s.IdDocumentIssueDate, null, s.CreatedAt,
            s.Lines.OrderBy(l => l.Position)
                .Select(l => new SaleLineRecord(l.Position, l.ArticleType, l.Category, l.Quantity, l.Reference, l.ReferenceKind)).ToList(),
            new List<SalePhotoInfo>()));

    /// <summary>A link of the chain: a sale (its hash can be recomputed) or a tombstone (its hash is taken as recorded).</summary>
    private sealed record Link(long Position, long SaleNumber, byte[] StoredHash, Func<byte[], byte[]>? Recompute);

    /// <summary>Follows a chain link by link and remembers the first one that does not hold.</summary>
    private sealed class ChainWalk(int storeId, string storeName)
    {
        private byte[] _previous = SaleSeal.Genesis;
        private long _position;

        public ChainBreak? Break { get; set; }
        public long SalesChecked { get; private set; }
        public long Removed { get; private set; }

        public bool Follow(Link link)
        {
            if (link.Position == _position)
            {
                return Broken(link.SaleNumber, $"deux ventes occupent le même rang ({link.Position}) dans la chaîne.");
            }
            if (link.Position != _position + 1)
            {
                return Broken(link.SaleNumber, $"la vente qui la précédait dans la chaîne (rang {_position + 1}) a disparu sans trace de suppression.");
            }
            if (link.Recompute is { } recompute)
            {
                if (!recompute(_previous).AsSpan().SequenceEqual(link.StoredHash))
                {
                    return Broken(link.SaleNumber, "ses données ne correspondent plus à son empreinte : elle a été modifiée après son enregistrement.");
                }
                SalesChecked++;
            }
            else
            {
                Removed++;
            }
            _previous = link.StoredHash;
            _position = link.Position;
            return true;
        }

        public void End(ChainHead? head)
        {
            if (Break is not null)
            {
                return;
            }
            var length = head?.Length ?? 0;
            if (length > _position)
            {
                Broken(null, $"les ventes de rang {_position + 1} à {length}, les dernières enregistrées, ont disparu sans trace de suppression.");
            }
            else if (length < _position || !(head?.Hash ?? SaleSeal.Genesis).AsSpan().SequenceEqual(_previous))
            {
                Broken(null, "la tête de la chaîne ne correspond plus à sa dernière vente.");
            }
        }

        private bool Broken(long? saleNumber, string problem)
        {
            Break = new ChainBreak(storeId, storeName, saleNumber, problem);
            return false;
        }
    }
}
