namespace RegisFlow.Domain.Monitoring;

/// <summary>Gauges read when /metrics is scraped: age of the newest good backup, free disk per folder, memory limit.</summary>
public sealed class ResourceGauges
{
    public ResourceGauges(RegisFlowMetrics metrics, BackupFreshness freshness, RegisFlowOptions folders, MemoryProbe memory)
    {
        var meter = metrics.Meter;
        meter.CreateObservableGauge("regisflow.backup.last_success.age",
            () => freshness.NewestAgeSeconds() is { } age ? [new(age)] : Array.Empty<System.Diagnostics.Metrics.Measurement<double>>(),
            "s", "Âge de la dernière sauvegarde réussie");
        meter.CreateObservableGauge("regisflow.disk.free",
            () => DiskSpace.Watched(folders)
                .Select(f => new System.Diagnostics.Metrics.Measurement<long>(DiskSpace.FreeBytes(f.Path) ?? 0, new KeyValuePair<string, object?>("folder", f.Name))),
            "By", "Espace disque libre des dossiers de données et de sauvegardes");
        meter.CreateObservableGauge("regisflow.memory.limit", () => memory.Read().LimitBytes, "By",
            "Limite de mémoire (du conteneur quand il y en a une)");
    }
}
