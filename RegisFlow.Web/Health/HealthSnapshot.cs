using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegisFlow.Domain.Monitoring;

namespace RegisFlow.Web.Health;

/// <summary>One computed health result, with both answers already written: the brief one and the detailed one.</summary>
public sealed record HealthResult(HealthStatus Status, DateTimeOffset At, byte[] Brief, byte[] Detailed);

/// <summary>
/// The health result, computed at most once per <see cref="MonitoringOptions.HealthCacheDuration"/> and shared by every
/// caller: a crowd of callers (or of container checks) costs one database round trip and one JSON writing every few
/// seconds, on the pool.
/// </summary>
public sealed class HealthSnapshot(HealthCheckService checks, MonitoringOptions options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Task<HealthResult>? _current;

    public Task<HealthResult> GetAsync()
    {
        lock (_gate)
        {
            if (_current is null || (_current.IsCompleted && (_current.IsFaulted || clock.GetUtcNow() - _current.Result.At >= options.HealthCacheDuration)))
            {
                _current = ComputeAsync();
            }
            return _current;
        }
    }

    private async Task<HealthResult> ComputeAsync()
    {
        // Not tied to one caller's request: a caller that gives up must not cancel the others' answer.
        var report = await checks.CheckHealthAsync(CancellationToken.None);
        var at = clock.GetUtcNow();
        return new HealthResult(report.Status, at, HealthJson.Brief(report, at), HealthJson.Detailed(report, at));
    }
}
