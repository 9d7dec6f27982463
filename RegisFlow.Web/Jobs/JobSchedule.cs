using Hangfire;
using Hangfire.Storage;

namespace RegisFlow.Web.Jobs;

/// <summary>The recurring jobs: when they run (Paris time) and under which id Hangfire stores them.</summary>
public static class JobSchedule
{
    public const string BackupJobId = "sauvegarde";
    public const string PurgeJobId = "purge";

    /// <summary>Every day at midnight and noon.</summary>
    public const string BackupCron = "0 0,12 * * *";

    /// <summary>The 1st of each month at 02:00.</summary>
    public const string PurgeCron = "0 2 1 * *";

    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static void Register(IRecurringJobManager manager)
    {
        var options = new RecurringJobOptions { TimeZone = Paris };
        manager.AddOrUpdate<BackupJob>(BackupJobId, job => job.RunAsync(CancellationToken.None), BackupCron, options);
        manager.AddOrUpdate<PurgeJob>(PurgeJobId, job => job.RunAsync(CancellationToken.None), PurgeCron, options);
    }

    /// <summary>Next planned run of each recurring job, from Hangfire's storage (null when unknown).</summary>
    public static IReadOnlyDictionary<string, DateTimeOffset?> NextRuns(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([BackupJobId, PurgeJobId])
            .ToDictionary(j => j.Id, j => j.NextExecution is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : (DateTimeOffset?)null);
    }
}
