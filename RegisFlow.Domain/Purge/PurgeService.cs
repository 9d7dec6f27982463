using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Purge;

public sealed record PurgePreview(DateTimeOffset Cutoff, int RetentionMonths, long SalesConcerned);

public sealed record PurgeResult(DateTimeOffset Cutoff, long SalesDeleted);

/// <summary>
/// Deletes the sales (their lines and photos follow by cascade) sold more than <see cref="RegisFlowOptions.DataRetentionMonths"/>
/// months ago, a batch per transaction, and records in the audit trail how many and up to which date — nothing about the buyers.
/// </summary>
public sealed class PurgeService(
    IDbContextFactory<RegisFlowDbContext> factory,
    DatabaseConnection database,
    RegisFlowOptions options,
    TimeProvider clock,
    ILogger<PurgeService> logger)
{
    public const int BatchSize = 1000;

    internal const string AlreadyRunning = "Une purge est déjà en cours : réessayez quand elle sera terminée.";

    /// <summary>Sales sold before this instant are purged.</summary>
    public DateTimeOffset Cutoff() => clock.GetUtcNow().AddMonths(-options.DataRetentionMonths);

    /// <summary>What a purge run now would delete.</summary>
    public async Task<PurgePreview> PreviewAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.RunPurge);
        var cutoff = Cutoff();
        await using var db = await factory.CreateDbContextAsync(ct);
        var count = await db.Sales.LongCountAsync(s => s.SoldAt < cutoff, ct);
        return new PurgePreview(cutoff, options.DataRetentionMonths, count);
    }

    public Task<PurgeResult> RunAsync(Caller caller, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        caller.Demand(Permission.RunPurge);
        return RunCoreAsync(caller, progress, ct);
    }

    /// <summary>The monthly purge run by the scheduler.</summary>
    public Task<PurgeResult> RunScheduledAsync(CancellationToken ct = default) => RunCoreAsync(null, null, ct);

    private async Task<PurgeResult> RunCoreAsync(Caller? caller, IProgress<long>? progress, CancellationToken ct)
    {
        await using var gate = await AdvisoryLock.TryAcquireAsync(database.ConnectionString, AdvisoryLock.PurgeKey, ct)
            ?? throw new JobAlreadyRunningException(AlreadyRunning);
        var cutoff = Cutoff();
        long deleted = 0;
        var completed = false;
        await using var db = await factory.CreateDbContextAsync(ct);
        try
        {
            while (true)
            {
                // Each statement is its own transaction: a long purge never holds many locks, and stops cleanly between batches.
                var batch = await db.Database.ExecuteSqlAsync(
                    $"DELETE FROM sales WHERE id IN (SELECT id FROM sales WHERE sold_at < {cutoff} ORDER BY id LIMIT {BatchSize})", ct);
                deleted += batch;
                progress?.Report(deleted);
                if (batch < BatchSize)
                {
                    break;
                }
            }
            completed = true;
        }
        finally
        {
            // Batches already committed stay deleted: an interrupted purge is audited with what it did.
            if (completed || deleted > 0)
            {
                db.AuditEvents.Add(AuditLog.For(caller, AuditActions.Purge, clock.GetUtcNow(),
                    new { salesDeleted = deleted, cutoff, retentionMonths = options.DataRetentionMonths, completed }, "sales"));
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        logger.LogInformation("Purge : {Count} ventes antérieures au {Cutoff:u} supprimées", deleted, cutoff);
        return new PurgeResult(cutoff, deleted);
    }
}
