using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Tests.Backups;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Admin;

namespace RegisFlow.Tests.Monitoring;

public sealed class AlertTests : ComponentTestBase, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _fixture;
    private readonly WebhookReceiver _webhook = new();
    private readonly SmtpSink _smtp = new();
    private readonly string _backupDirectory;
    private readonly IServiceProvider _domain;

    public AlertTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        _backupDirectory = fixture.NewBackupDirectory();
        var monitoring = MonitoringOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ALERT_WEBHOOK_URL"] = _webhook.Url.ToString(),
            ["ALERT_SMTP_HOST"] = "127.0.0.1",
            ["ALERT_SMTP_PORT"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ALERT_SMTP_SECURITY"] = "none",
            ["ALERT_EMAIL_FROM"] = "regisflow@magasin.test",
            ["ALERT_EMAIL_TO"] = "gerant@magasin.test, astreinte@magasin.test",
        }).Build());
        _domain = fixture.BuildServices(services =>
        {
            services.AddSingleton(new RegisFlowOptions { DataDirectory = fixture.DataDirectory, BackupDirectory = _backupDirectory });
            services.AddSingleton(monitoring);
        });
        Services.AddSingleton(_domain.GetRequiredService<AlertService>());
        Services.AddScoped<CurrentCaller>();
        var auth = AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles("Admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"));
    }

    [Fact]
    public async Task A_failing_backup_sends_one_webhook_and_one_email_shows_the_banner_and_a_later_success_ends_it()
    {
        await _fixture.ResetAsync();
        var backups = _domain.GetRequiredService<BackupService>();
        var alerts = _domain.GetRequiredService<AlertService>();
        // A file where the backup folder should be: the backup cannot be written.
        await File.WriteAllTextAsync(_backupDirectory, "");

        await Assert.ThrowsAnyAsync<BackupException>(() => backups.CreateScheduledAsync());

        var webhook = Assert.Single(_webhook.Received);
        Assert.Equal(AlertKinds.BackupFailed, webhook.GetProperty("kind").GetString());
        Assert.Equal("firing", webhook.GetProperty("status").GetString());
        Assert.Contains("Sauvegarde en échec", webhook.GetProperty("text").GetString(), StringComparison.Ordinal);
        var mail = Assert.Single(_smtp.Received);
        Assert.Equal("[RegisFlow] Alerte : Sauvegarde en échec", mail.Subject);
        Assert.Equal(["gerant@magasin.test", "astreinte@magasin.test"], mail.To.Mailboxes.Select(m => m.Address));
        var banner = Render<AlertsBanner>();
        banner.WaitForAssertion(() => Assert.Contains("Sauvegarde en échec", banner.Find("[data-testid=alert-banner]").TextContent, StringComparison.Ordinal));

        File.Delete(_backupDirectory);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await backups.CreateScheduledAsync();

        Assert.Empty(await alerts.OpenAsync(RegisterData.Admin));
        var ended = Assert.Single((await alerts.ListAsync(RegisterData.Admin, 0, 10)).Items);
        Assert.Equal(_fixture.Clock.GetUtcNow(), ended.EndedAt);
        var afterSuccess = Render<AlertsBanner>();
        afterSuccess.WaitForAssertion(() => Assert.Empty(afterSuccess.FindAll("[data-testid=alert-banner]")));

        // Fails again within the hour of the first notice: recorded and shown, but nobody is told twice.
        Directory.Delete(_backupDirectory, recursive: true);
        await File.WriteAllTextAsync(_backupDirectory, "");
        _fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await Assert.ThrowsAnyAsync<BackupException>(() => backups.CreateScheduledAsync());

        Assert.Single(_webhook.Received);
        Assert.Single(_smtp.Received);
        var again = Assert.Single(await alerts.OpenAsync(RegisterData.Admin));
        Assert.Null(again.NotifiedAt);
        var bannerAgain = Render<AlertsBanner>();
        bannerAgain.WaitForAssertion(() => Assert.Single(bannerAgain.FindAll("[data-testid=alert-banner]")));

        // Still failing more than an hour after the notice: told once more.
        _fixture.Clock.Advance(TimeSpan.FromMinutes(45));
        await Assert.ThrowsAnyAsync<BackupException>(() => backups.CreateScheduledAsync());
        Assert.Equal(2, _webhook.Received.Count);
        Assert.Equal(2, _smtp.Received.Count);
        File.Delete(_backupDirectory);
    }

    [Fact]
    public async Task The_integrity_check_can_raise_and_end_its_own_alert_beside_others_each_told_once()
    {
        await _fixture.ResetAsync();
        var alerts = _domain.GetRequiredService<AlertService>();

        await alerts.RaiseAsync(AlertKinds.IntegrityCheckFailed, "La vente 12 ne correspond plus à son empreinte.");
        await alerts.RaiseAsync(AlertKinds.PurgeFailed, "Purge interrompue : base de données indisponible.");

        var open = await alerts.OpenAsync(RegisterData.Admin);
        Assert.Equal(["Contrôle d'intégrité en échec", "Purge en échec"], open.Select(a => a.Title));
        Assert.Equal(2, _webhook.Received.Count);

        await alerts.EndAsync(AlertKinds.IntegrityCheckFailed);
        Assert.Equal(["Purge en échec"], (await alerts.OpenAsync(RegisterData.Admin)).Select(a => a.Title));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _webhook.Dispose();
            _smtp.Dispose();
            (_domain as IDisposable)?.Dispose();
        }
        base.Dispose(disposing);
    }
}
