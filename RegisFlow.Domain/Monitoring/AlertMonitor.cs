using System.Globalization;
using RegisFlow.Domain.Alerts;

namespace RegisFlow.Domain.Monitoring;

/// <summary>
/// The conditions watched every minute: no good backup for longer than the schedule allows, little free disk for the
/// data or the backups, memory above the threshold of its limit for several minutes, errors logged above a rate.
/// Each opens its alert while it holds and ends it when it no longer does.
/// </summary>
public sealed class AlertMonitor(
    AlertService alerts,
    BackupFreshness freshness,
    RegisFlowOptions folders,
    MonitoringOptions options,
    MemoryProbe memory,
    ErrorCounter errors,
    TimeProvider clock)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private DateTimeOffset? _memoryHighSince;

    public async Task EvaluateAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();

        var backups = await freshness.CheckAsync(ct);
        await SetAsync(AlertKinds.BackupOverdue, null, backups.Overdue, () => backups.Problem, ct);

        foreach (var (name, path) in DiskSpace.Watched(folders))
        {
            var free = DiskSpace.FreeBytes(path);
            await SetAsync(AlertKinds.DiskLow, name, free < options.DiskFreeThresholdBytes,
                () => $"{free / (1 << 20)} Mo libres pour le dossier {(name == "data" ? "des données" : "des sauvegardes")} ({path}), seuil {options.DiskFreeThresholdBytes / (1 << 20)} Mo", ct);
        }

        var reading = memory.Read();
        _memoryHighSince = reading.Percent >= options.MemoryThresholdPercent ? _memoryHighSince ?? now : null;
        await SetAsync(AlertKinds.MemoryHigh, null, _memoryHighSince is { } since && now - since >= options.MemoryHighFor,
            () => $"{reading.Percent.ToString("0", French)} % de la limite de mémoire ({reading.UsedBytes >> 20} Mo sur {reading.LimitBytes >> 20} Mo, limite {(reading.LimitSource == "cgroup" ? "du conteneur" : "de la machine")}) depuis {(now - _memoryHighSince!.Value).TotalMinutes:0} min", ct);

        var count = errors.CountSince(now - options.ErrorWindow);
        await SetAsync(AlertKinds.ErrorRate, null, count >= options.ErrorThreshold,
            () => $"{RegisFlow.Domain.French.Count(count, "erreur journalisée", "erreurs journalisées")} en {options.ErrorWindow.TotalMinutes:0} min (seuil {options.ErrorThreshold})", ct);
    }

    private Task SetAsync(string kind, string? subject, bool active, Func<string> message, CancellationToken ct) =>
        active ? alerts.RaiseAsync(kind, message(), subject, ct) : alerts.EndAsync(kind, subject, ct);
}
