using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Backups;

namespace RegisFlow.Domain.Monitoring;

/// <summary>The jobs whose runs are measured, logged and alerted on.</summary>
public static class JobNames
{
    public const string Backup = "backup";
    public const string Purge = "purge";
    public const string BackupProof = "backup-proof";
    public const string Restore = "restore";
    public const string Integrity = "integrity";
    public const string PhotoEncryption = "photo-encryption";
}

/// <summary>
/// Wraps a job run (scheduled or asked for): one structured log line with its outcome and duration, the duration
/// histogram, and — for jobs that have an alert kind — an alert raised when it fails and ended when it succeeds.
/// </summary>
public sealed class JobRecorder(RegisFlowMetrics metrics, AlertService alerts, ILogger<JobRecorder> logger)
{
    public async Task<T> RunAsync<T>(string job, string trigger, string? failureAlert, Func<Task<T>> run, Func<T, object>? summary = null)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await run();
            Finish(job, trigger, "succeeded", watch, summary?.Invoke(result), null);
            if (failureAlert is not null)
            {
                await TryAlertAsync(() => alerts.EndAsync(failureAlert));
            }
            return result;
        }
        catch (JobAlreadyRunningException)
        {
            Finish(job, trigger, "skipped", watch, null, null);
            throw;
        }
        catch (OperationCanceledException)
        {
            Finish(job, trigger, "cancelled", watch, null, null);
            throw;
        }
        catch (Exception e)
        {
            Finish(job, trigger, "failed", watch, null, e);
            if (failureAlert is not null)
            {
                await TryAlertAsync(() => alerts.RaiseAsync(failureAlert, e.Message));
            }
            throw;
        }
    }

    /// <summary>The job's own outcome must reach its caller even when the alert cannot be recorded (database down).</summary>
    private async Task TryAlertAsync(Func<Task> alert)
    {
        try
        {
            await alert();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Alerte non enregistrée : {Reason}", e.Message);
        }
    }

    private void Finish(string job, string trigger, string outcome, Stopwatch watch, object? summary, Exception? error)
    {
        watch.Stop();
        metrics.JobFinished(job, outcome, watch.Elapsed);
        var level = error is null ? LogLevel.Information : LogLevel.Error;
        // A refused backup file says all in its message; a stack trace is kept for what nobody foresaw.
        logger.Log(level, error is BackupException ? null : error, "Tâche {Job} ({Trigger}) : {Outcome} en {DurationMs} ms {Summary}",
            job, trigger, outcome, watch.ElapsedMilliseconds, summary is null ? error?.Message ?? "" : System.Text.Json.JsonSerializer.Serialize(summary));
    }
}
