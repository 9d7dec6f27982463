using Hangfire;
using RegisFlow.Domain.Backups;

namespace RegisFlow.Web.Jobs;

/// <summary>The scheduled backup. Hangfire's lock keeps two workers off it; the domain's advisory lock keeps a manual run off it too.</summary>
public sealed class BackupJob(BackupService backups, ILogger<BackupJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await backups.CreateScheduledAsync(ct);
        }
        catch (JobAlreadyRunningException e)
        {
            logger.LogInformation("Sauvegarde planifiée non lancée : {Reason}", e.Message);
        }
    }
}
