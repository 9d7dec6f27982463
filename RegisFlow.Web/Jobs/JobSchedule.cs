using Cronos;
using Hangfire;
using RegisFlow.Domain;

namespace RegisFlow.Web.Jobs;

/// <summary>The recurring jobs: when they run (Paris time) and under which id Hangfire stores them.</summary>
public static class JobSchedule
{
    public const string BackupJobId = "sauvegarde";
    public const string PurgeJobId = "purge";
    public const string BackupProofJobId = "test-restauration";

    /// <summary>Every day at midnight and noon, unless BACKUP_SCHEDULE says otherwise.</summary>
    public const string BackupCron = "0 0,12 * * *";

    /// <summary>Every night at 02:00 (the 1st of the month too): the purge, then the integrity check.</summary>
    public const string PurgeCron = "0 2 * * *";

    /// <summary>Every Sunday at 04:00, away from the midnight and noon backups.</summary>
    public const string BackupProofCron = "0 4 * * 0";

    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static void Register(IRecurringJobManager manager, string backupCron = BackupCron)
    {
        var options = new RecurringJobOptions { TimeZone = Paris };
        try
        {
            manager.AddOrUpdate<BackupJob>(BackupJobId, job => job.RunAsync(CancellationToken.None), backupCron, options);
        }
        catch (ArgumentException)
        {
            throw new StartupRefusedException([
                $"BACKUP_SCHEDULE « {backupCron} » n'est pas une expression cron valide (minute heure jour mois jour-de-semaine, heure de Paris), par exemple « {BackupCron} »."]);
        }
        manager.AddOrUpdate<PurgeJob>(PurgeJobId, job => job.RunAsync(CancellationToken.None), PurgeCron, options);
        manager.AddOrUpdate<BackupProofJob>(BackupProofJobId, job => job.RunAsync(CancellationToken.None), BackupProofCron, options);
    }

    /// <summary>
    /// Next run of a cron schedule after <paramref name="now"/>, in Paris time as Hangfire plans it (a time skipped by the
    /// spring clock change runs at the change, a repeated one runs once).
    /// </summary>
    public static DateTimeOffset NextRun(string cron, DateTimeOffset now) =>
        CronExpression.Parse(cron).GetNextOccurrence(now, Paris)
        ?? throw new InvalidOperationException($"The schedule {cron} never runs again.");
}
