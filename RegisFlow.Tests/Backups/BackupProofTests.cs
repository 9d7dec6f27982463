using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Backups;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Admin;
using RegisFlow.Web.Jobs;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

public class BackupProofTests : ComponentTestBase, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _fixture;
    private readonly IServiceProvider _domain;

    public BackupProofTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        _domain = fixture.WithBackupDirectory(fixture.NewBackupDirectory());
        Services.AddSingleton(_domain.GetRequiredService<BackupProofService>());
        Services.AddSingleton<TimeProvider>(fixture.Clock);
        Services.AddScoped<CurrentCaller>();
        var auth = AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles("Admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"));
    }

    [Fact]
    public async Task The_newest_backup_restores_into_a_scratch_database_that_matches_its_manifest_and_is_dropped()
    {
        await SeedAndBackUpAsync();
        var proofs = _domain.GetRequiredService<BackupProofService>();

        var proof = await proofs.RunScheduledAsync();

        Assert.True(proof.Succeeded, proof.Message);
        Assert.Contains("12 ventes, 24 photos", proof.Message, StringComparison.Ordinal);
        Assert.Contains("empreinte des photos identique", proof.Message, StringComparison.Ordinal);
        var counts = JsonSerializer.Deserialize<Dictionary<string, long>>(proof.Counts!)!;
        Assert.Equal(12, counts["sales"]);
        Assert.Equal(1, counts["suspicious_attempts"]);
        Assert.Equal(0, await ScratchDatabasesAsync());
        Assert.Empty(await _domain.GetRequiredService<AlertService>().OpenAsync(Admin));
        Assert.Equal(proof.Id, (await proofs.LastAsync(Admin))!.Id);
    }

    [Fact]
    public async Task A_backup_altered_after_it_was_written_fails_the_proof_raises_an_alert_and_the_panel_shows_it()
    {
        var backup = await SeedAndBackUpAsync();
        var path = _domain.GetRequiredService<BackupService>().StoredPath(backup.FileName);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = file.Length / 2;
            var b = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(b ^ 0x40));
        }
        var proofs = _domain.GetRequiredService<BackupProofService>();

        var error = await Assert.ThrowsAnyAsync<BackupException>(() => proofs.RunAsync(Admin));

        var last = await proofs.LastAsync(Admin);
        Assert.False(last!.Succeeded);
        Assert.Equal(backup.FileName, last.FileName);
        Assert.Equal(error.Message, last.Message);
        Assert.Equal(0, await ScratchDatabasesAsync());
        var alert = Assert.Single(await _domain.GetRequiredService<AlertService>().OpenAsync(Admin));
        Assert.Equal(AlertKinds.BackupProofFailed, alert.Kind);

        var panel = Render<ProofPanel>();
        panel.WaitForAssertion(() => Assert.StartsWith("Échec le", panel.Find("[data-testid=proof-last]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains(backup.FileName, panel.Find("[data-testid=proof-last]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00Z", "2026-11-29T03:00:00Z")] // a Wednesday: the coming Sunday, 04:00 in Paris (UTC+1)
    [InlineData("2026-03-28T12:00:00Z", "2026-03-29T02:00:00Z")] // the night clocks go forward: 04:00 is UTC+2
    [InlineData("2026-11-29T03:00:00Z", "2026-12-06T03:00:00Z")] // exactly at the run: the next week's
    public void The_weekly_restore_test_runs_on_Sunday_at_4_am_Paris_time(string now, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            JobSchedule.NextRun(JobSchedule.BackupProofCron, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private async Task<BackupResult> SeedAndBackUpAsync()
    {
        await _fixture.ResetAsync();
        await using (var db = await _fixture.CreateDbContextAsync())
        {
            await SeedAsync(db, _fixture.Clock.GetUtcNow());
        }
        _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        return await _domain.GetRequiredService<BackupService>().CreateScheduledAsync();
    }

    private static async Task<long> ScratchDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname LIKE '{BackupProofService.ScratchPrefix}%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
