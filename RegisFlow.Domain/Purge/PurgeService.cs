using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Purge;

/// <param name="Cutoff">Sales made before this instant are erased (see <see cref="RetentionRule"/>).</param>
/// <param name="LastErasedDay">The newest sale day erased now, in the shops' dates.</param>
public sealed record PurgePreview(
    DateTimeOffset Cutoff, DateOnly LastErasedDay, int RetentionMonths, long SalesConcerned, int BackupsConcerned, long AttemptsConcerned);

public sealed record PurgeResult(DateTimeOffset Cutoff, long SalesDeleted, int BackupsDeleted = 0, long AuditRowsCleared = 0, long AttemptsDeleted = 0);

/// <summary>
/// Erases what is past the retention period (<see cref="RegisFlowOptions.DataRetentionMonths"/>, <see cref="RetentionRule"/>):
/// the sales with their lines, photos and search text, a batch per transaction, each leaving a tombstone in its store's chain;
/// the suspicious attempts (refused sales) recorded before the cutoff;
/// the backups made before the cutoff (they hold the same buyers); and the personal data of older audit rows (client address, a
/// deletion's typed reason, a user name typed at a failed sign-in), the rows themselves staying. The audit trail says how many
/// and up to which date — nothing about the buyers.
/// </summary>
public sealed class PurgeService(
    IDbContextFactory<RegisFlowDbContext> factory,
    DatabaseConnection database,
    BackupService backups,
    RegisFlowOptions options,
    TimeProvider clock,
    JobRecorder recorder)
{
    public const int BatchSize = 1000;

    internal const string AlreadyRunning = "Une purge est déjà en cours : réessayez quand elle sera terminée.";

    /// <summary>Sales made before this instant are erased now.</summary>
    public DateTimeOffset Cutoff() => RetentionRule.Cutoff(clock.GetUtcNow(), options.Zone, options.DataRetentionMonths);

    /// <summary>What a purge run now would erase.</summary>
    public async Task<PurgePreview> PreviewAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.RunPurge);
        var cutoff = Cutoff();
        await using var db = await factory.CreateDbContextAsync(ct);
        var count = await db.Sales.LongCountAsync(s => s.SoldAt < cutoff, ct);
        var attempts = await db.SuspiciousAttempts.LongCountAsync(a => a.RecordedAt < cutoff, ct);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cutoff, options.Zone).DateTime).AddDays(-1);
        return new PurgePreview(cutoff, lastDay, options.DataRetentionMonths, count, backups.OlderThan(cutoff).Count, attempts);
    }

    public Task<PurgeResult> RunAsync(Caller caller, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        caller.Demand(Permission.RunPurge);
        return RecordAsync("manuelle", () => RunCoreAsync(caller, progress, ct));
    }

    /// <summary>The nightly purge run by the scheduler.</summary>
    public Task<PurgeResult> RunScheduledAsync(CancellationToken ct = default) => RecordAsync("planifiée", () => RunCoreAsync(null, null, ct));

    private Task<PurgeResult> RecordAsync(string trigger, Func<Task<PurgeResult>> run) =>
        recorder.RunAsync(JobNames.Purge, trigger, AlertKinds.PurgeFailed, run, r => new { r.SalesDeleted, r.AttemptsDeleted, r.BackupsDeleted, r.AuditRowsCleared, r.Cutoff });

    private async Task<PurgeResult> RunCoreAsync(Caller? caller, IProgress<long>? progress, CancellationToken ct)
    {
        await using var gate = await AdvisoryLock.TryAcquireAsync(database.ConnectionString, AdvisoryLock.PurgeKey, ct)
            ?? throw new JobAlreadyRunningException(AlreadyRunning);
        var cutoff = Cutoff();
        long deleted = 0, cleared = 0, attempts = 0;
        IReadOnlyList<string> removedBackups = [];
        var completed = false;
        await using var db = await factory.CreateDbContextAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            int? userId = caller?.UserId;
            var userName = caller?.UserName;
            while (true)
            {
                // Each statement is its own transaction: a long purge never holds many locks, and stops cleanly between batches.
                // Each erased sale leaves its number, rank and hash, so that its store's chain still verifies.
                var batch = await db.Database.ExecuteSqlAsync(
                    $"""
                    WITH gone AS (
                        DELETE FROM sales WHERE id IN (SELECT id FROM sales WHERE sold_at < {cutoff} ORDER BY id LIMIT {BatchSize})
                        RETURNING id, store_id, sold_at, chain_position, chain_hash)
                    INSERT INTO sale_tombstones (sale_id, store_id, sold_at, chain_position, chain_hash, kind, removed_at, removed_by_user_id, removed_by, reason)
                    SELECT id, store_id, sold_at, chain_position, chain_hash, 'Purged', {now}, {userId}::integer, {userName}::text, 'purge' FROM gone
                    """, ct);
                deleted += batch;
                progress?.Report(deleted);
                if (batch < BatchSize)
                {
                    break;
                }
            }
            attempts = await DeleteOldAttemptsAsync(db, cutoff, ct);
            cleared = await ClearOldAuditDetailsAsync(db, cutoff, ct);
            removedBackups = backups.DeleteOlderThan(cutoff);
            if (backups.OlderThan(cutoff) is { Count: > 0 } left)
            {
                throw new BackupException($"{left.Count} sauvegarde(s) antérieure(s) au {cutoff:yyyy-MM-dd} n'ont pas pu être supprimées "
                    + $"({string.Join(", ", left.Select(b => b.FileName))}) : vérifiez les droits du dossier des sauvegardes.");
            }
            completed = true;
        }
        finally
        {
            // Batches already committed stay deleted: an interrupted purge is audited with what it did.
            if (completed || deleted > 0 || attempts > 0 || cleared > 0 || removedBackups.Count > 0)
            {
                db.AuditEvents.Add(AuditLog.For(caller, AuditActions.Purge, clock.GetUtcNow(), new
                {
                    salesDeleted = deleted,
                    attemptsDeleted = attempts,
                    cutoff,
                    retentionMonths = options.DataRetentionMonths,
                    backupsDeleted = removedBackups,
                    auditRowsCleared = cleared,
                    completed,
                }, "sales"));
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        return new PurgeResult(cutoff, deleted, removedBackups.Count, cleared, attempts);
    }

    /// <summary>Suspicious attempts hold a buyer's identity as typed: erased after the same retention as sales.</summary>
    private static async Task<long> DeleteOldAttemptsAsync(RegisFlowDbContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        long deleted = 0;
        while (true)
        {
            var batch = await db.Database.ExecuteSqlAsync(
                $"DELETE FROM suspicious_attempts WHERE id IN (SELECT id FROM suspicious_attempts WHERE recorded_at < {cutoff} ORDER BY id LIMIT {BatchSize})", ct);
            deleted += batch;
            if (batch < BatchSize)
            {
                return deleted;
            }
        }
    }

    /// <summary>
    /// The audit rows stay; what in them may name a person goes: the client address, a deletion's typed reason, and the user name
    /// typed at a sign-in that matched no account. The database lets nothing else in an audit row change.
    /// </summary>
    private static async Task<long> ClearOldAuditDetailsAsync(RegisFlowDbContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        long cleared = 0;
        while (true)
        {
            var batch = await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE audit_events SET
                    client_address = NULL,
                    details = CASE WHEN details -> 'reason' IS NULL THEN details ELSE details - 'reason' END,
                    user_name = CASE WHEN user_id IS NULL AND action LIKE 'login.%' THEN NULL ELSE user_name END
                WHERE id IN (
                    SELECT id FROM audit_events
                    WHERE occurred_at < {cutoff}
                      AND (client_address IS NOT NULL OR details -> 'reason' IS NOT NULL
                           OR (user_id IS NULL AND action LIKE 'login.%' AND user_name IS NOT NULL))
                    ORDER BY id LIMIT {BatchSize})
                """, ct);
            cleared += batch;
            if (batch < BatchSize)
            {
                return cleared;
            }
        }
    }
}
