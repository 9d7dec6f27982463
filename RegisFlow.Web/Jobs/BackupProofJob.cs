using Hangfire;
using RegisFlow.Domain.Backups;

namespace RegisFlow.Web.Jobs;

/// <summary>The weekly restore test of the newest backup. A failed test is recorded and alerted by the service; no retry.</summary>
public sealed class BackupProofJob(BackupProofService proofs, ILogger<BackupProofJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60 * 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await proofs.RunScheduledAsync(ct);
        }
        catch (BackupException e)
        {
            // Already recorded, logged and alerted: Hangfire need not retry a backup that does not restore.
            logger.LogDebug("Test de restauration en échec : {Reason}", e.Message);
        }
    }
}
