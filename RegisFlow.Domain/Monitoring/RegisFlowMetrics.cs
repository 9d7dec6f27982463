using System.Diagnostics.Metrics;

namespace RegisFlow.Domain.Monitoring;

/// <summary>
/// The register's own instruments (meter "RegisFlow"), exported on /metrics with the framework's: sales per store,
/// exports, job runs with their outcome and duration, logged errors and raised alerts.
/// </summary>
public sealed class RegisFlowMetrics
{
    public const string MeterName = "RegisFlow";

    /// <summary>Buckets for runs of a fraction of a second to an hour (the default ones are made for milliseconds).</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    };

    private readonly Counter<long> _sales;
    private readonly Counter<long> _exports;
    private readonly Histogram<double> _exportDuration;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _alerts;

    public RegisFlowMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _sales = Meter.CreateCounter<long>("regisflow.sales.recorded", "{sale}", "Ventes enregistrées, par magasin");
        _exports = Meter.CreateCounter<long>("regisflow.exports", "{export}", "Exports du registre, par format et issue");
        _exportDuration = Meter.CreateHistogram("regisflow.export.duration", "s", "Durée des exports", advice: Seconds);
        _jobDuration = Meter.CreateHistogram("regisflow.job.duration", "s", "Durée des tâches (sauvegarde, purge, test de restauration, restauration), par issue", advice: Seconds);
        _errors = Meter.CreateCounter<long>("regisflow.errors", "{error}", "Erreurs journalisées");
        _alerts = Meter.CreateCounter<long>("regisflow.alerts.raised", "{alert}", "Alertes ouvertes, par type");
    }

    public Meter Meter { get; }

    public void SaleRecorded(int storeId, string storeName) =>
        _sales.Add(1, new("store_id", storeId), new("store", storeName));

    public void ExportFinished(string format, string outcome, TimeSpan duration)
    {
        _exports.Add(1, new("format", format), new("outcome", outcome));
        _exportDuration.Record(duration.TotalSeconds, new("format", format), new("outcome", outcome));
    }

    /// <summary>Tagged job_name, not job: Prometheus keeps "job" for the scrape target.</summary>
    public void JobFinished(string job, string outcome, TimeSpan duration) =>
        _jobDuration.Record(duration.TotalSeconds, new("job_name", job), new("outcome", outcome));

    public void ErrorLogged(string category) => _errors.Add(1, new KeyValuePair<string, object?>("category", category));

    public void AlertRaised(string kind) => _alerts.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
