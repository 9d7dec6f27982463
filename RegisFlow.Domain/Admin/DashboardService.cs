using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Admin;

public sealed record DailySales(DateOnly Day, int Count);

public sealed record RegisterStats(int Stores, int Users, long Sales, IReadOnlyList<DailySales> LastDays);

/// <summary>A backup or purge run as the audit trail recorded it.</summary>
public sealed record JobRun(DateTimeOffset At, string? UserName, JsonElement? Details);

public sealed record JobHistory(JobRun? LastBackup, JobRun? LastBackupFailure, JobRun? LastPurge, JobRun? LastRestore);

/// <summary>One bar of the sales chart: a day, or a month over a year.</summary>
public sealed record SalesBar(DateOnly Start, long Sales);

/// <summary>What was sold of one category over the period: in how many sales, how many articles.</summary>
public sealed record CategoryTotal(FireworkCategory Category, long Sales, long Quantity);

public sealed record SalesOverview(int Days, bool ByMonth, IReadOnlyList<SalesBar> Bars, long TotalSales, IReadOnlyList<CategoryTotal> Categories);

/// <summary>A backup as the audit trail recorded it: when it ended, how it went, its size and how long it took.</summary>
public sealed record BackupRun(DateTimeOffset At, bool Succeeded, long? SizeBytes, TimeSpan? Duration, string? Error);

/// <summary>Figures of the administration dashboard.</summary>
public sealed class DashboardService(IDbContextFactory<RegisFlowDbContext> factory, RegisFlowOptions options, TimeProvider clock)
{
    public const int ChartDays = 30;

    /// <summary>The periods the sales chart offers, in days.</summary>
    public static readonly IReadOnlyList<int> ChartPeriods = [7, 30, 365];

    public async Task<RegisterStats> GetStatsAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.ViewAdministration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var zone = options.Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var first = today.AddDays(-(ChartDays - 1));
        var from = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        var perDay = await db.Database.SqlQuery<DailySales>(
                $"""
                SELECT (sold_at AT TIME ZONE {options.TimeZone})::date AS "Day", count(*)::int AS "Count"
                FROM sales WHERE sold_at >= {from}
                GROUP BY 1
                """)
            .ToDictionaryAsync(d => d.Day, d => d.Count, ct);
        var days = Enumerable.Range(0, ChartDays)
            .Select(i => first.AddDays(i))
            .Select(d => new DailySales(d, perDay.GetValueOrDefault(d)))
            .ToList();
        return new RegisterStats(
            await db.Stores.CountAsync(ct),
            await db.Users.CountAsync(ct),
            await db.SaleHourCounts.SumAsync(c => (long)c.Sales, ct),
            days);
    }

    /// <summary>
    /// Sales of the last <paramref name="days"/> days (today included) in one store or all: per day, or per month over a year, from
    /// the hour counts; and per category, from the lines of those sales.
    /// </summary>
    public async Task<SalesOverview> GetSalesAsync(Caller caller, int days, int? storeId, CancellationToken ct = default)
    {
        caller.Demand(Permission.ViewAdministration);
        days = Math.Clamp(days, 1, 366);
        var zone = options.Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var first = today.AddDays(-(days - 1));
        var from = SaleFilters.StartOfDay(first, zone);
        await using var db = await factory.CreateDbContextAsync(ct);
        var hours = storeId is { } store
            ? db.Database.SqlQuery<DailySales>(
                $"""
                SELECT (hour AT TIME ZONE {options.TimeZone})::date AS "Day", sum(sales)::int AS "Count"
                FROM sale_hour_counts WHERE hour >= {from} AND store_id = {store} GROUP BY 1
                """)
            : db.Database.SqlQuery<DailySales>(
                $"""
                SELECT (hour AT TIME ZONE {options.TimeZone})::date AS "Day", sum(sales)::int AS "Count"
                FROM sale_hour_counts WHERE hour >= {from} GROUP BY 1
                """);
        var perDay = await hours.ToDictionaryAsync(d => d.Day, d => (long)d.Count, ct);
        var byMonth = days > 62;
        var bars = Enumerable.Range(0, days).Select(first.AddDays)
            .GroupBy(d => byMonth ? new DateOnly(d.Year, d.Month, 1) : d)
            .Select(g => new SalesBar(g.Key, g.Sum(d => perDay.GetValueOrDefault(d))))
            .ToList();
        var sales = db.Sales.Where(s => s.SoldAt >= from && (storeId == null || s.StoreId == storeId));
        var categories = await db.SaleLines
            .Where(l => sales.Any(s => s.Id == l.SaleId))
            .GroupBy(l => l.Category)
            .Select(g => new CategoryTotal(g.Key, g.Select(l => l.SaleId).Distinct().LongCount(), g.Sum(l => (long)l.Quantity)))
            .ToListAsync(ct);
        return new SalesOverview(days, byMonth, bars, bars.Sum(b => b.Sales),
            [.. Enum.GetValues<FireworkCategory>().Select(c => categories.FirstOrDefault(t => t.Category == c) ?? new CategoryTotal(c, 0, 0))]);
    }

    /// <summary>The last <paramref name="count"/> backups, newest first, with their size and duration (from the time in the file name).</summary>
    public async Task<IReadOnlyList<BackupRun>> GetBackupRunsAsync(Caller caller, int count = 30, CancellationToken ct = default)
    {
        caller.Demand(Permission.ViewAdministration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.AuditEvents
            .Where(a => a.Action == AuditActions.BackupCreated || a.Action == AuditActions.BackupFailed)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(count)
            .Select(a => new { a.OccurredAt, a.Action, a.Details })
            .ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            using var details = JsonDocument.Parse(r.Details ?? "{}");
            var root = details.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            long? size = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("sizeBytes", out var s) && s.TryGetInt64(out var bytes) ? bytes : null;
            var started = StartedAt(Text("fileName"));
            TimeSpan? duration = started is { } at && r.OccurredAt >= at ? r.OccurredAt - at : null;
            return new BackupRun(r.OccurredAt, r.Action == AuditActions.BackupCreated, size, duration, Text("error"));
        })];
    }

    private static DateTimeOffset? StartedAt(string? fileName) =>
        BackupFileName.TryParse(fileName, out var startedAt, out _) ? startedAt : null;

    public async Task<JobHistory> GetJobHistoryAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.ViewAdministration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var lastBackup = await LastAsync(db, AuditActions.BackupCreated, ct);
        var lastFailure = await LastAsync(db, AuditActions.BackupFailed, ct);
        // A failure followed by a successful backup is over: the dashboard shows only a failure that is still the latest word.
        if (lastFailure is not null && lastBackup is not null && lastBackup.At >= lastFailure.At)
        {
            lastFailure = null;
        }
        return new JobHistory(lastBackup, lastFailure, await LastAsync(db, AuditActions.Purge, ct), await LastAsync(db, AuditActions.BackupRestored, ct));
    }

    private static async Task<JobRun?> LastAsync(RegisFlowDbContext db, string action, CancellationToken ct)
    {
        var row = await db.AuditEvents.Where(a => a.Action == action)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.OccurredAt, a.UserName, a.Details })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        JsonElement? details = row.Details is null ? null : JsonDocument.Parse(row.Details).RootElement.Clone();
        return new JobRun(row.OccurredAt, row.UserName, details);
    }
}
