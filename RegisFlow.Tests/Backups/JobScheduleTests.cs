using RegisFlow.Web.Jobs;

namespace RegisFlow.Tests.Backups;

public class JobScheduleTests
{
    [Theory]
    // Summer time (UTC+2): 09:00 UTC is 11:00 in Paris, next backup at noon.
    [InlineData("2026-07-14T09:00:00Z", "2026-07-14T10:00:00Z")]
    // 23:30 UTC in winter is 00:30 in Paris: the midnight backup has passed, next one at noon.
    [InlineData("2026-11-30T23:30:00Z", "2026-12-01T11:00:00Z")]
    // Spring clock change (29 March 2026): midnight still exists, noon is at 10:00 UTC.
    [InlineData("2026-03-29T00:30:00Z", "2026-03-29T10:00:00Z")]
    // Autumn clock change (25 October 2026): noon is at 11:00 UTC.
    [InlineData("2026-10-25T02:00:00Z", "2026-10-25T11:00:00Z")]
    public void The_next_backup_is_at_midnight_or_noon_in_Paris(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            JobSchedule.NextRun(JobSchedule.BackupCron, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_run_planned_in_the_hour_skipped_by_the_spring_change_happens_at_the_change()
    {
        // 02:00 does not exist in Paris on 29 March 2026 (clocks go from 02:00 to 03:00, that is 01:00 UTC).
        var next = JobSchedule.NextRun("0 2 * * *", new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void A_run_planned_in_the_hour_repeated_by_the_autumn_change_happens_once()
    {
        // 02:00 happens twice in Paris on 25 October 2026 (00:00 and 01:00 UTC): the run is at the first.
        var first = JobSchedule.NextRun("0 2 * * *", new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 0, 0, TimeSpan.Zero), JobSchedule.NextRun("0 2 * * *", first));
    }

    [Theory]
    // Every night at 02:00 in Paris, the 1st of the month like any other day.
    [InlineData("2026-11-30T03:00:00Z", "2026-12-01T01:00:00Z")]
    [InlineData("2026-12-01T01:00:00Z", "2026-12-02T01:00:00Z")]
    // The night of 15 to 16 September 2026 (summer time): 02:00 in Paris is 00:00 UTC.
    [InlineData("2026-09-15T12:00:00Z", "2026-09-16T00:00:00Z")]
    public void The_purge_runs_every_night_at_two_in_Paris(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            JobSchedule.NextRun(JobSchedule.PurgeCron, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
