using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RegisFlow.Domain.Health;

/// <summary>Free space where the data and the backups are written; degraded below 1 GiB.</summary>
public sealed class DiskSpaceHealthCheck(RegisFlowOptions options) : IHealthCheck
{
    private const long LowSpaceBytes = 1L << 30;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var low = false;
        foreach (var (name, path) in new[] { ("data", options.DataDirectory), ("backups", options.ResolvedBackupDirectory) })
        {
            var free = FreeBytes(path);
            low |= free is < LowSpaceBytes;
            data[name] = new { path, freeMb = free is null ? (long?)null : free / (1024 * 1024) };
        }
        return Task.FromResult(low
            ? HealthCheckResult.Degraded("Espace disque faible", data: data)
            : HealthCheckResult.Healthy("Espace disque suffisant", data));
    }

    private static long? FreeBytes(string path)
    {
        // The folder may not exist yet (no backup made): measure the nearest existing parent.
        var existing = new DirectoryInfo(path);
        while (existing is { Exists: false })
        {
            existing = existing.Parent;
        }
        return existing is null ? null : new DriveInfo(existing.FullName).AvailableFreeSpace;
    }
}
