using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.History;
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
/// their lines, then their photos), so memory holds one batch whatever the number of sales. Every export is audited.
/// </summary>
public sealed class ExportService(
    IDbContextFactory<RegisFlowDbContext> factory, IEnumerable<ISaleExporter> exporters, RegisFlowOptions options, TimeProvider clock)
{
    public const int BatchSize = 200;

    private readonly TimeZoneInfo _zone = options.Zone;

    public async Task<ExportPlan> PlanAsync(Caller caller, SaleExportQuery query, ExportFormat format, CancellationToken ct = default)
    {
        caller.Demand(Permission.ExportSales);
        var storeId = caller.ReadableStore(query.StoreId);
        var exporter = exporters.Single(e => e.Format == format);
        await using var db = await factory.CreateDbContextAsync(ct);
        var storeName = storeId is null ? null : await db.Stores.Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException("Ce magasin n'existe pas.");
        var count = await db.Sales.VisibleTo(caller, query.StoreId).Matching(query, _zone).CountAsync(ct);
        if (exporter.MaxSales is { } max && count > max)
        {
            throw new ExportTooLargeException(
                $"Ce PDF contiendrait {count.ToString("N0", ExportContext.French)} ventes, au-delà de la limite de {max.ToString("N0", ExportContext.French)} : "
                + "réduisez la période ou choisissez le format CSV ou Excel.");
        }
        var fileName = FileName(storeName, query.From, query.To, exporter.Extension);
        return new ExportPlan(caller, query, exporter, storeId, storeName ?? "Tous les magasins", count, fileName);
    }

    /// <summary>Writes the export to <paramref name="output"/>, reporting the number of sales done; returns that number.</summary>
    public async Task<int> WriteAsync(ExportPlan plan, Stream output, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var caller = plan.Caller;
        caller.Demand(Permission.ExportSales);
        var context = new ExportContext(plan.StoreLabel, plan.Query.From, plan.Query.To, clock.GetUtcNow(), _zone);
        var done = 0;
        var completed = false;
        try
        {
            await using (var writer = plan.Exporter.Open(output, context))
            {
                DateTimeOffset? lastSoldAt = null;
                long lastId = 0;
                while (true)
                {
                    var batch = await LoadBatchAsync(plan, lastSoldAt, lastId, ct);
                    if (batch.Sales.Count == 0)
                    {
                        break;
                    }
                    await writer.WriteAsync(batch, ct);
                    done += batch.Sales.Count;
                    progress?.Report(done);
                    (lastSoldAt, lastId) = (batch.Sales[^1].SoldAt, batch.Sales[^1].Id);
                    if (batch.Sales.Count < BatchSize)
                    {
                        break;
                    }
                }
                await writer.CompleteAsync(ct);
            }
            completed = true;
        }
        finally
        {
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

    private async Task<ExportBatch> LoadBatchAsync(ExportPlan plan, DateTimeOffset? lastSoldAt, long lastId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var sales = db.Sales.AsNoTracking().VisibleTo(plan.Caller, plan.Query.StoreId).Matching(plan.Query, _zone);
        if (lastSoldAt is { } after)
        {
            sales = sales.Where(s => s.SoldAt > after || (s.SoldAt == after && s.Id > lastId));
        }
        var records = await sales
            .OrderBy(s => s.SoldAt).ThenBy(s => s.Id)
            .Take(BatchSize)
            .AsSplitQuery()
            .Select(SaleProjections.Record(db))
            .ToListAsync(ct);
        if (!plan.Exporter.IncludesPhotos || records.Count == 0)
        {
            return new ExportBatch(records, new Dictionary<long, byte[]>());
        }
        var ids = records.Select(r => r.Id).ToList();
        var photos = await db.SalePhotos.AsNoTracking()
            .Where(p => ids.Contains(p.SaleId))
            .Select(p => new { p.Id, p.Data })
            .ToDictionaryAsync(p => p.Id, p => p.Data, ct);
        return new ExportBatch(records, photos);
    }
}
