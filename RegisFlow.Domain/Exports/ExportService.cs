using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Exports;

/// <summary>An export the caller is allowed to run, with its file name, ready to be written.</summary>
public sealed class ExportPlan
{
    internal ExportPlan(Caller caller, SaleExportQuery query, ISaleExporter exporter, int? storeId, string storeLabel, int saleCount, string fileName)
    {
        Caller = caller;
        Query = query;
        Exporter = exporter;
        StoreId = storeId;
        StoreLabel = storeLabel;
        SaleCount = saleCount;
        FileName = fileName;
    }

    internal Caller Caller { get; }
    public SaleExportQuery Query { get; }
    internal ISaleExporter Exporter { get; }
    public int? StoreId { get; }
    public string StoreLabel { get; }
    public int SaleCount { get; }
    public string FileName { get; }
    public string ContentType => Exporter.ContentType;
}

/// <summary>
/// Exports exactly the sales the history filters select, in the caller's scope, batch by batch (<see cref="BatchSize"/> sales with
/// their lines, <see cref="PhotoBatchSize"/> when their photos come too), so memory holds one batch whatever the number of sales.
/// Each batch starts where the previous one ended, by a (sold_at, id) row comparison that the (sold_at, id) indexes answer directly.
/// Every export is audited.
/// </summary>
public sealed class ExportService(
    IDbContextFactory<RegisFlowDbContext> factory, IEnumerable<ISaleExporter> exporters, RegisFlowOptions options, PhotoKey photoKey,
    TimeProvider clock, RegisFlowMetrics metrics, ILogger<ExportService> logger)
{
    public const int BatchSize = 1000;
    public const int PhotoBatchSize = 25;

    private readonly TimeZoneInfo _zone = options.Zone;

    public async Task<ExportPlan> PlanAsync(Caller caller, SaleExportQuery query, ExportFormat format, CancellationToken ct = default)
    {
        caller.Demand(Permission.ExportSales);
        query.ThrowIfInvalid();
        var storeId = caller.ReadableStore(query.StoreId);
        var exporter = exporters.Single(e => e.Format == format);
        await using var db = await factory.CreateDbContextAsync(ct);
        var storeName = storeId is null ? null : await db.Stores.Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException("Ce magasin n'existe pas.");
        var count = (int)await new SaleCounts(db, _zone).ExactAsync(caller, query, db.Sales.VisibleTo(caller, query.StoreId).Matching(query, _zone), ct);
        if (exporter.IncludesPhotos)
        {
            await RefuseUnreadablePhotosAsync(db, caller, query, ct);
        }
        var fileName = FileName(storeName, query.From, query.To, exporter.Extension);
        return new ExportPlan(caller, query, exporter, storeId, storeName ?? "Tous les magasins", count, fileName);
    }

    /// <summary>Writes the export to <paramref name="output"/>, reporting the number of sales done; returns that number.</summary>
    public async Task<int> WriteAsync(ExportPlan plan, Stream output, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var caller = plan.Caller;
        caller.Demand(Permission.ExportSales);
        var context = new ExportContext(plan.StoreLabel, plan.Query.From, plan.Query.To, clock.GetUtcNow(), _zone)
        {
            SaleCount = plan.SaleCount,
            GeneratedBy = caller.DisplayName,
        };
        var done = 0;
        var completed = false;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using (var writer = plan.Exporter.Open(output, context))
            {
                if (writer.WantsPreview)
                {
                    // A first pass without photos, for what must be known before the first page (the PDF's page count).
                    await foreach (var batch in BatchesAsync(plan, withPhotos: false, ct))
                    {
                        writer.Preview(batch.Sales);
                    }
                }
                await foreach (var batch in BatchesAsync(plan, plan.Exporter.IncludesPhotos, ct))
                {
                    await writer.WriteAsync(batch, ct);
                    done += batch.Sales.Count;
                    progress?.Report(done);
                }
                await writer.CompleteAsync(ct);
            }
            completed = true;
        }
        finally
        {
            var outcome = completed ? "succeeded" : "failed";
            metrics.ExportFinished(plan.Exporter.Extension, outcome, watch.Elapsed);
            logger.LogInformation("Export {Format} ({Store}) : {Outcome} en {DurationMs} ms, {SaleCount} ventes, par {UserName}",
                plan.Exporter.Extension, plan.StoreLabel, outcome, watch.ElapsedMilliseconds, done, caller.UserName);
            // Audited even when the download is aborted: personal data may already have left.
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            var query = plan.Query;
            db.AuditEvents.Add(AuditLog.For(caller, AuditActions.Export, clock.GetUtcNow(), new
            {
                format = plan.Exporter.Extension,
                sales = done,
                completed,
                store = plan.StoreLabel,
                from = query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to = query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                category = query.Category?.ToString(),
                payment = query.Payment?.ToString(),
                // The search words are often a buyer's name: the audit only says a search was applied.
                search = query.SearchTerms().Count > 0,
            }, storeId: plan.StoreId));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return done;
    }

    /// <summary>registre-artifices-&lt;store&gt;-&lt;from&gt;-&lt;to&gt;.&lt;ext&gt;, with "tous-magasins", "debut" and "fin" for what is not given.</summary>
    public static string FileName(string? storeName, DateOnly? from, DateOnly? to, string extension)
    {
        var slug = Slug(storeName);
        return $"registre-artifices-{(slug.Length == 0 ? "tous-magasins" : slug)}-"
            + $"{from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "debut"}-"
            + $"{to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "fin"}.{extension}";
    }

    public static string Slug(string? text)
    {
        var normalised = SearchText.Normalize(text);
        var chars = normalised.Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray();
        var slug = new string(chars);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        return slug.Trim('-');
    }

    private async IAsyncEnumerable<ExportBatch> BatchesAsync(ExportPlan plan, bool withPhotos, [EnumeratorCancellation] CancellationToken ct)
    {
        var size = withPhotos ? PhotoBatchSize : BatchSize;
        HistoryCursor? after = null;
        while (true)
        {
            var batch = await LoadBatchAsync(plan, after, size, withPhotos, ct);
            if (batch.Sales.Count == 0)
            {
                yield break;
            }
            yield return batch;
            if (batch.Sales.Count < size)
            {
                yield break;
            }
            after = new HistoryCursor(batch.Sales[^1].SoldAt, batch.Sales[^1].Id);
        }
    }

    private async Task<ExportBatch> LoadBatchAsync(ExportPlan plan, HistoryCursor? after, int size, bool withPhotos, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var sales = db.Sales.AsNoTracking().VisibleTo(plan.Caller, plan.Query.StoreId).Matching(plan.Query, _zone);
        if (after is not null)
        {
            sales = sales.Where(s => EF.Functions.GreaterThan(ValueTuple.Create(s.SoldAt, s.Id), ValueTuple.Create(after.SoldAt, after.Id)));
        }
        var records = await sales
            .OrderBy(s => s.SoldAt).ThenBy(s => s.Id)
            .Take(size)
            .AsSplitQuery()
            .Select(SaleProjections.Record(db))
            .ToListAsync(ct);
        if (!withPhotos || records.Count == 0)
        {
            return new ExportBatch(records, new Dictionary<long, byte[]>());
        }
        var ids = records.Select(r => r.Id).ToList();
        var photos = await db.SalePhotos.AsNoTracking()
            .Where(p => ids.Contains(p.SaleId))
            .Select(p => new { p.Id, p.Data, p.EncryptionKeyId, p.ContentSha256 })
            .ToDictionaryAsync(p => p.Id, p => photoKey.Open(p.Data, p.EncryptionKeyId, p.ContentSha256), ct);
        return new ExportBatch(records, photos);
    }

    /// <summary>Photos under another key would stop the file half-way: the export is refused before it starts, saying which key.</summary>
    private async Task RefuseUnreadablePhotosAsync(RegisFlowDbContext db, Caller caller, SaleExportQuery query, CancellationToken ct)
    {
        var sales = db.Sales.VisibleTo(caller, query.StoreId).Matching(query, _zone);
        var otherKey = await db.SalePhotos
            .Where(p => p.EncryptionKeyId != null && p.EncryptionKeyId != photoKey.Id && sales.Any(s => s.Id == p.SaleId))
            .Select(p => p.EncryptionKeyId)
            .FirstOrDefaultAsync(ct);
        if (otherKey is not null)
        {
            throw new PhotoUnreadableException(photoKey.OtherKeyMessage(otherKey, "Des photos de cet export ont été chiffrées"));
        }
    }
}
