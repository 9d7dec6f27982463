using Hangfire;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Purge;

namespace RegisFlow.Web.Jobs;

/// <summary>The monthly purge of sales past the retention period.</summary>
public sealed class PurgeJob(PurgeService purge, ILogger<PurgeJob> logger)
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
    }
}
