using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Audit;

/// <summary>
/// Reading the audit trail: an admin reads every row, a manager the rows of their store only (the scope is applied here, whatever
/// the page asks). Rows are never changed from here.
/// </summary>
public sealed class AuditJournalService(IDbContextFactory<RegisFlowDbContext> factory, RegisFlowOptions options, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    private const int CsvBatch = 1000;

    public static readonly IReadOnlyList<string> CsvHeaders = ["Date", "Utilisateur", "Magasin", "Action", "Objet", "Détails", "Adresse"];

    private readonly TimeZoneInfo _zone = options.Zone;

    public TimeZoneInfo TimeZone => _zone;

    /// <summary>One page of the rows matching <paramref name="query"/>, newest first, with how many match.</summary>
    public async Task<PagedResult<AuditEntry>> GetPageAsync(Caller caller, AuditQuery query, int page, int pageSize, CancellationToken ct = default)
    {
        var storeId = Scope(caller, query);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = Matching(db, storeId, query);
        var total = await rows.CountAsync(ct);
        var items = await Entries(db, Newest(rows).Skip(Math.Max(page, 0) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)), ct);
        return new PagedResult<AuditEntry>(items, total);
    }

    /// <summary>
    /// Writes every matching row as CSV (';', UTF-8 with BOM, a cell starting with = + - @ is quoted so that a spreadsheet never runs
    /// it) a batch at a time; the export itself is audited. Returns the number of rows written.
    /// </summary>
    public async Task<int> WriteCsvAsync(Caller caller, AuditQuery query, Stream output, CancellationToken ct = default)
    {
        var storeId = Scope(caller, query);
        var written = 0;
        var completed = false;
        try
        {
            await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with
            {
                Separator = ';',
                WriteByteOrderMark = true,
                Injection = CsvInjection.Escape,
                FormatProvider = ExportContext.French,
            }, leaveOpen: true);
            foreach (var header in CsvHeaders)
            {
                csv.WriteField(header);
            }
            await csv.EndRecordAsync(ct);
            (DateTimeOffset At, long Id)? after = null;
            while (true)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var rows = Matching(db, storeId, query);
                if (after is var (at, id))
                {
                    rows = rows.Where(a => a.OccurredAt < at || (a.OccurredAt == at && a.Id < id));
                }
                var batch = await Entries(db, Newest(rows).Take(CsvBatch), ct);
                foreach (var entry in batch)
                {
                    foreach (var cell in Cells(entry))
                    {
                        csv.WriteField(cell);
                    }
                    await csv.EndRecordAsync(ct);
                }
                await csv.FlushAsync(ct);
                written += batch.Count;
                if (batch.Count < CsvBatch)
                {
                    break;
                }
                after = (batch[^1].OccurredAt, batch[^1].Id);
            }
            completed = true;
        }
        finally
        {
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            db.AuditEvents.Add(AuditLog.For(caller, AuditActions.AuditExported, clock.GetUtcNow(), new
            {
                rows = written,
                completed,
                from = query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to = query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                user = query.User,
                storeId = query.StoreId,
                action = query.Action,
            }, storeId: storeId ?? caller.StoreId));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return written;
    }

    /// <summary>journal-audit-&lt;from&gt;-&lt;to&gt;.csv</summary>
    public static string FileName(AuditQuery query) =>
        $"journal-audit-{query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "debut"}-"
        + $"{query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "fin"}.csv";

    public string[] Cells(AuditEntry entry) =>
    [
        TimeZoneInfo.ConvertTime(entry.OccurredAt, _zone).ToString("dd/MM/yyyy HH:mm:ss", ExportContext.French),
        entry.UserName ?? "",
        entry.StoreName ?? "",
        entry.ActionLabel,
        entry.Target,
        entry.Details,
        entry.ClientAddress ?? "",
    ];

    /// <summary>
    /// The store whose rows the caller reads: the one an admin asks for (null: every row), a manager's own; refuses anyone else, a
    /// manager asking for another store, and invalid filters.
    /// </summary>
    public static int? Scope(Caller caller, AuditQuery query)
    {
        caller.Demand(Permission.ReadAuditJournal);
        query.ThrowIfInvalid();
        return caller.ReadableStore(query.StoreId);
    }

    private IQueryable<AuditEvent> Matching(RegisFlowDbContext db, int? storeId, AuditQuery query)
    {
        var rows = db.AuditEvents.AsNoTracking();
        if (storeId is not null)
        {
            rows = rows.Where(a => a.StoreId == storeId);
        }
        if (query.From is { } from)
        {
            var start = SaleFilters.StartOfDay(from, _zone);
            rows = rows.Where(a => a.OccurredAt >= start);
        }
        if (query.To is { } to)
        {
            var end = SaleFilters.StartOfDay(to.AddDays(1), _zone);
            rows = rows.Where(a => a.OccurredAt < end);
        }
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var pattern = "%" + SaleFilters.EscapeLike(query.User.Trim()) + "%";
            rows = rows.Where(a => a.UserName != null && EF.Functions.ILike(a.UserName, pattern, "\\"));
        }
        if (query.Action is { } action)
        {
            rows = rows.Where(a => a.Action == action);
        }
        return rows;
    }

    private static IQueryable<AuditEvent> Newest(IQueryable<AuditEvent> rows) => rows.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id);

    private async Task<List<AuditEntry>> Entries(RegisFlowDbContext db, IQueryable<AuditEvent> rows, CancellationToken ct)
    {
        var raw = await rows
            .Select(a => new
            {
                a.Id, a.OccurredAt, a.UserName, a.Action, a.TargetType, a.TargetId, a.Details, a.ClientAddress,
                StoreName = db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return raw.Select(a => new AuditEntry(a.Id, a.OccurredAt, a.UserName, a.StoreName, a.Action, AuditLabels.Action(a.Action),
            AuditLabels.Target(a.TargetType, a.TargetId), AuditLabels.Details(a.Details, _zone), a.ClientAddress)).ToList();
    }
}
