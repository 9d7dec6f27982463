using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegisFlow.Domain.Backups;

namespace RegisFlow.Web.Jobs;

/// <summary>
/// "jobs" in /health: whether this app's job server is alive (recent heartbeat) and the age of the newest backup.
/// Degraded when the newest backup is older than 25 h or the server is silent; never Unhealthy — the register still works.
/// </summary>
public sealed class JobsHealthCheck(JobStorage storage, BackupService backups, JobsSettings settings, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan MaxBackupAge = TimeSpan.FromHours(25);
    private static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var data = new Dictionary<string, object>();
        var problems = new List<string>();

        var newest = backups.ListFiles().FirstOrDefault();
        if (newest is not null)
        {
            var age = now - newest.CreatedAt;
            data["lastBackup"] = newest.FileName;
            data["lastBackupAgeHours"] = Math.Round(age.TotalHours, 1);
            if (age > MaxBackupAge)
            {
                problems.Add($"dernière sauvegarde il y a {age.TotalHours:F0} h");
            }
        }
        else
        {
            data["lastBackup"] = "aucune";
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
        catch (Exception e)
        {
            data["serversRunning"] = "inconnu";
            problems.Add("stockage des tâches injoignable : " + e.Message);
        }

        var result = problems.Count == 0
            ? HealthCheckResult.Healthy(settings.RunServer ? "tâches planifiées actives" : "serveur de tâches désactivé sur cette instance", data)
            : HealthCheckResult.Degraded(string.Join(" ; ", problems), data: data);
        return Task.FromResult(result);
    }
}
