using Hangfire;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Purge;

namespace RegisFlow.Web.Jobs;

/// <summary>The nightly purge of what is past the retention period, then the check of the register's integrity.</summary>
public sealed class PurgeJob(PurgeService purge, IntegrityService integrity, ILogger<PurgeJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await purge.RunScheduledAsync(ct);
        }
        catch (JobAlreadyRunningException e)
        {
            logger.LogInformation("Purge planifiée non lancée : {Reason}", e.Message);
        }
        finally
        {
            // Checked even when the purge failed: its alert and the integrity alert say different things.
            await integrity.CheckScheduledAsync(ct);
        }
    }
}
