using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegisFlow.Domain.Monitoring;

namespace RegisFlow.Web.Jobs;

/// <summary>
/// "jobs" in /health: the newest good backup against the schedule (<see cref="BackupFreshness"/>) and whether this
/// app's job server is alive (recent heartbeat). Degraded, never Unhealthy — the register still works.
/// </summary>
public sealed class JobsHealthCheck(JobStorage storage, BackupFreshness freshness, JobsSettings settings, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromMinutes(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var data = new Dictionary<string, object>();
        var problems = new List<string>();

        var backups = await freshness.CheckAsync(cancellationToken);
        data["lastBackup"] = backups.Newest?.FileName ?? "aucune";
        if (backups.Newest is { } newest)
        {
            data["lastBackupAgeHours"] = Math.Round((now - newest.CreatedAt).TotalHours, 1);
        }
        data["backupMaxAgeHours"] = backups.Allowed.TotalHours;
        if (backups.Overdue)
        {
            problems.Add(backups.Problem);
        }

        data["serverEnabled"] = settings.RunServer;
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            var alive = servers.Count(s => s.Heartbeat is { } beat && now - DateTime.SpecifyKind(beat, DateTimeKind.Utc) < MaxHeartbeatAge);
            data["serversRunning"] = alive;
            if (settings.RunServer && alive == 0)
            {
                problems.Add("serveur de tâches arrêté");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            data["serversRunning"] = "inconnu";
            problems.Add("stockage des tâches injoignable : " + e.Message);
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy(settings.RunServer ? "tâches planifiées actives" : "serveur de tâches désactivé sur cette instance", data)
            : HealthCheckResult.Degraded(string.Join(" ; ", problems), data: data);
    }
}
