using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Admin;

public sealed record DailySales(DateOnly Day, int Count);

public sealed record RegisterStats(int Stores, int Users, long Sales, IReadOnlyList<DailySales> LastDays);

/// <summary>A backup or purge run as the audit trail recorded it.</summary>
public sealed record JobRun(DateTimeOffset At, string? UserName, JsonElement? Details);

public sealed record JobHistory(JobRun? LastBackup, JobRun? LastBackupFailure, JobRun? LastPurge, JobRun? LastRestore);

/// <summary>Figures of the administration dashboard.</summary>
public sealed class DashboardService(IDbContextFactory<RegisFlowDbContext> factory, RegisFlowOptions options, TimeProvider clock)
{
    public const int ChartDays = 30;

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
            await db.Sales.LongCountAsync(ct),
            days);
    }

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
