using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Jobs;

namespace RegisFlow.Tests.Backups;

/// <summary>BACKUP_SCHEDULE moves the scheduled backup (the deployment test backs up every minute); midnight and noon otherwise.</summary>
public class BackupScheduleTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private AppFactory App(string? schedule) => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:RegisFlow"] = fixture.ConnectionString,
        ["RegisFlow:DataDirectory"] = fixture.DataDirectory,
        ["RegisFlow:Jobs:RunServer"] = "false",
        ["BACKUP_SCHEDULE"] = schedule,
    });

    [Fact]
    public async Task A_configured_schedule_is_the_one_the_backup_job_is_stored_with_in_Paris_time()
    {
        await using var app = App("30 6 * * 1-5");
        app.CreateClient();

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var backup = connection.GetRecurringJobs([JobSchedule.BackupJobId]).Single();
        Assert.Equal("30 6 * * 1-5", backup.Cron);
        Assert.Equal("Europe/Paris", backup.TimeZoneId);
    }

    [Fact]
    public async Task A_schedule_that_is_not_a_cron_expression_refuses_the_start_with_a_french_line()
    {
        await using var app = App("tous les jours à midi");

        var refused = Assert.Throws<StartupRefusedException>(() => app.CreateClient());

        Assert.Equal(
            "BACKUP_SCHEDULE « tous les jours à midi » n'est pas une expression cron valide (minute heure jour mois jour-de-semaine, heure de Paris), par exemple « 0 0,12 * * * ».",
            Assert.Single(refused.Problems));
    }
}
