using System.Net;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Jobs;

namespace RegisFlow.Tests.Backups;

public class JobsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_backup_and_purge_are_stored_as_recurring_jobs_in_Paris_time()
    {
        await using var app = TestAuthentication.App(fixture);
        using var client = app.CreateClient();

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        Assert.Equal("0 0,12 * * *", jobs[JobSchedule.BackupJobId].Cron);
        Assert.Equal("0 2 * * *", jobs[JobSchedule.PurgeJobId].Cron);
        Assert.All(jobs.Values, j => Assert.Equal("Europe/Paris", j.TimeZoneId));
        Assert.Equal(typeof(BackupJob), jobs[JobSchedule.BackupJobId].Job.Type);
        Assert.Equal(typeof(PurgeJob), jobs[JobSchedule.PurgeJobId].Job.Type);
        Assert.Equal("0 4 * * 0", jobs[JobSchedule.BackupProofJobId].Cron);
        Assert.Equal(typeof(BackupProofJob), jobs[JobSchedule.BackupProofJobId].Job.Type);

        // Hangfire plans the next backup at midnight or noon, Paris time, whatever today's date.
        var next = new DateTimeOffset(DateTime.SpecifyKind(jobs[JobSchedule.BackupJobId].NextExecution!.Value, DateTimeKind.Utc));
        var paris = TimeZoneInfo.ConvertTime(next, JobSchedule.Paris);
        Assert.Contains(paris.Hour, new[] { 0, 12 });
        Assert.Equal(0, paris.Minute);
    }

    [Fact]
    public async Task The_Hangfire_dashboard_is_for_administrators_only()
    {
        await using var app = TestAuthentication.App(fixture);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var anonymous = await client.GetAsync("/hangfire");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Contains(anonymous.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.Found });

        foreach (var role in new[] { UserRole.Employee, UserRole.Manager })
        {
            using var request = TestAuthentication.Get("/hangfire", TestAuthentication.WithRole(role));
            using var refused = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var adminRequest = TestAuthentication.Get("/hangfire/recurring", TestAuthentication.WithRole(UserRole.Admin));
        using var admin = await client.SendAsync(adminRequest);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains(JobSchedule.BackupJobId, await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_backup_downloads_whole_for_an_administrator_and_for_nobody_else()
    {
        await using var app = TestAuthentication.App(fixture);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var backups = app.Services.GetRequiredService<BackupService>();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var backup = await backups.CreateAsync(RegisterData.Admin);
        var url = "/administration/sauvegardes/" + backup.FileName;

        using var anonymous = await client.GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, url, UserRole.Manager)).StatusCode);

        using var admin = await SendAsync(client, url, UserRole.Admin);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(backups.Directory, backup.FileName)), await admin.Content.ReadAsByteArrayAsync());
        Assert.Equal(backup.FileName, admin.Content.Headers.ContentDisposition?.FileName);

        foreach (var name in new[] { "..%2F..%2Fetc%2Fpasswd", "..%2Fbackup-encryption.key", "regisflow-x.rfbak" })
        {
            using var traversal = await SendAsync(client, "/administration/sauvegardes/" + name, UserRole.Admin);
            Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        }
    }

    [Fact]
    public async Task Health_turns_degraded_not_unhealthy_when_no_backup_succeeded_within_13_hours_of_the_install_or_of_the_last_backup()
    {
        await fixture.ResetAsync();
        await using var app = TestAuthentication.App(fixture)
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(fixture.Clock)));
        using var client = app.CreateClient();
        var backups = app.Services.GetRequiredService<BackupService>();
        foreach (var file in backups.ListFiles())
        {
            File.Delete(Path.Combine(backups.Directory, file.FileName));
        }

        // A fresh install: its first scheduled backup is up to 12 h away.
        using (var fresh = await HealthAsync(client))
        {
            Assert.Equal("healthy", fresh.RootElement.GetProperty("status").GetString());
            Assert.Equal("aucune", fresh.RootElement.GetProperty("jobs").GetProperty("lastBackup").GetString());
            Assert.False(fresh.RootElement.GetProperty("jobs").GetProperty("serverEnabled").GetBoolean());
        }

        fixture.Clock.Advance(TimeSpan.FromHours(14));
        using (var never = await HealthAsync(client))
        {
            Assert.Equal("degraded", never.RootElement.GetProperty("status").GetString());
            Assert.Contains("aucune sauvegarde réussie depuis l'installation", never.RootElement.GetProperty("jobs").GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        await backups.CreateScheduledAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var backedUp = await HealthAsync(client))
        {
            Assert.Equal("healthy", backedUp.RootElement.GetProperty("status").GetString());
        }

        fixture.Clock.Advance(TimeSpan.FromHours(13.5));
        using var response = await client.SendAsync(TestAuthentication.Get("/health", TestAuthentication.WithRole(UserRole.Admin)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var degraded = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("degraded", degraded.RootElement.GetProperty("status").GetString());
        Assert.Equal(13.5, degraded.RootElement.GetProperty("jobs").GetProperty("lastBackupAgeHours").GetDouble(), 1);
    }

    private static async Task<JsonDocument> HealthAsync(HttpClient client)
    {
        using var response = await client.SendAsync(TestAuthentication.Get("/health", TestAuthentication.WithRole(UserRole.Admin)));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_jobs_run_through_the_app_services_and_a_scheduled_run_gives_way_to_one_already_running()
    {
        foreach (var method in new[] { typeof(BackupJob).GetMethod(nameof(BackupJob.RunAsync))!, typeof(PurgeJob).GetMethod(nameof(PurgeJob.RunAsync))! })
        {
            var attribute = method.GetCustomAttributes(typeof(DisableConcurrentExecutionAttribute), false).Cast<DisableConcurrentExecutionAttribute>().Single();
            Assert.True(attribute.TimeoutSec > 0);
        }
        await using var app = TestAuthentication.App(fixture);
        using var client = app.CreateClient();
        var backups = app.Services.GetRequiredService<BackupService>();
        var before = backups.ListFiles().Count;
        var connection = app.Services.GetRequiredService<Domain.Database.DatabaseConnection>().ConnectionString;

        await using (var held = await AdvisoryLock.TryAcquireAsync(connection, AdvisoryLock.BackupKey, CancellationToken.None))
        {
            Assert.NotNull(held);
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None);
            Assert.Equal(before, backups.ListFiles().Count);
        }

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<PurgeJob>().RunAsync(CancellationToken.None);
        }
        Assert.Equal(before + 1, backups.ListFiles().Count);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, UserRole role)
    {
        using var request = TestAuthentication.Get(url, TestAuthentication.WithRole(role));
        return await client.SendAsync(request);
    }
}
