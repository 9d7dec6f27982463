using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegisFlow.Domain.Monitoring;

namespace RegisFlow.Domain.Health;

/// <summary>Free space where the data and the backups are written; degraded below the alert threshold (1 GiB by default).</summary>
public sealed class DiskSpaceHealthCheck(RegisFlowOptions options, MonitoringOptions monitoring) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var low = false;
        foreach (var (name, path) in DiskSpace.Watched(options))
        {
            var free = DiskSpace.FreeBytes(path);
            low |= free < monitoring.DiskFreeThresholdBytes;
            data[name] = new { path, freeMb = free is null ? (long?)null : free / (1024 * 1024) };
        }
        return Task.FromResult(low
            ? HealthCheckResult.Degraded("Espace disque faible", data: data)
            : HealthCheckResult.Healthy("Espace disque suffisant", data));
    }
}
