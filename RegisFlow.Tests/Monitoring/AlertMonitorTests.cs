using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Tests.Backups;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Monitoring;

public class AlertMonitorTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private readonly FakeMemory _memory = new();

    [Fact]
    public async Task A_fresh_install_gets_the_schedule_allowance_before_no_backup_raises_an_alert_and_a_backup_ends_it()
    {
        var (services, backups, _) = await StartAsync();
        var monitor = services.GetRequiredService<AlertMonitor>();
        var alerts = services.GetRequiredService<AlertService>();

        // Installed (seeded) now: 12 h later the first scheduled backup may still be on its way.
        fixture.Clock.Advance(TimeSpan.FromHours(12));
        await monitor.EvaluateAsync();
        Assert.DoesNotContain(await OpenKindsAsync(alerts), k => k == AlertKinds.BackupOverdue);

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await monitor.EvaluateAsync();
        var overdue = Assert.Single(await alerts.OpenAsync(RegisterData.Admin), a => a.Kind == AlertKinds.BackupOverdue);
        Assert.Contains("aucune sauvegarde réussie depuis l'installation (14 h)", overdue.Message, StringComparison.Ordinal);

        await backups.CreateScheduledAsync();
        await monitor.EvaluateAsync();
        Assert.DoesNotContain(await OpenKindsAsync(alerts), k => k == AlertKinds.BackupOverdue);

        // The newest backup ages past 13 h: overdue again.
        fixture.Clock.Advance(TimeSpan.FromHours(13.5));
        await monitor.EvaluateAsync();
        Assert.Contains(await OpenKindsAsync(alerts), k => k == AlertKinds.BackupOverdue);
    }

    [Fact]
    public async Task Memory_over_80_percent_of_the_limit_alerts_only_after_five_minutes_and_ends_when_it_drops()
    {
        var (services, backups, _) = await StartAsync();
        await backups.CreateScheduledAsync();
        var monitor = services.GetRequiredService<AlertMonitor>();
        var alerts = services.GetRequiredService<AlertService>();

        _memory.Reading = new MemoryReading(850L << 20, 1000L << 20, "cgroup");
        await monitor.EvaluateAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(4));
        await monitor.EvaluateAsync();
        Assert.DoesNotContain(await OpenKindsAsync(alerts), k => k == AlertKinds.MemoryHigh);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await monitor.EvaluateAsync();
        var high = Assert.Single(await alerts.OpenAsync(RegisterData.Admin), a => a.Kind == AlertKinds.MemoryHigh);
        Assert.Contains("85 % de la limite de mémoire (850 Mo sur 1000 Mo, limite du conteneur)", high.Message, StringComparison.Ordinal);

        _memory.Reading = new MemoryReading(300L << 20, 1000L << 20, "cgroup");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await monitor.EvaluateAsync();
        Assert.DoesNotContain(await OpenKindsAsync(alerts), k => k == AlertKinds.MemoryHigh);
    }

    [Fact]
    public async Task Little_free_disk_for_the_data_and_backup_folders_and_a_burst_of_errors_raise_alerts()
    {
        var (services, backups, monitoring) = await StartAsync();
        await backups.CreateScheduledAsync();
        var monitor = services.GetRequiredService<AlertMonitor>();
        var alerts = services.GetRequiredService<AlertService>();
        monitoring.DiskFreeThresholdBytes = long.MaxValue;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Test");
        for (var i = 0; i < monitoring.ErrorThreshold; i++)
        {
            logger.LogError("Erreur non gérée {Number}", i);
        }

        await monitor.EvaluateAsync();

        var open = await alerts.OpenAsync(RegisterData.Admin);
        Assert.Equal(2, open.Count(a => a.Kind == AlertKinds.DiskLow));
        Assert.Contains(open, a => a.Kind == AlertKinds.DiskLow && a.Message.Contains("dossier des sauvegardes", StringComparison.Ordinal));
        Assert.Contains(open, a => a.Kind == AlertKinds.ErrorRate && a.Message.StartsWith($"{monitoring.ErrorThreshold} erreurs", StringComparison.Ordinal));

        // Ten minutes later the burst is over and the disk threshold back to normal.
        monitoring.DiskFreeThresholdBytes = 1;
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        await monitor.EvaluateAsync();
        Assert.Empty(await alerts.OpenAsync(RegisterData.Admin));
    }

    private async Task<(IServiceProvider Services, BackupService Backups, MonitoringOptions Monitoring)> StartAsync()
    {
        await fixture.ResetAsync();
        var monitoring = new MonitoringOptions();
        var services = fixture.BuildServices(s =>
        {
            s.AddSingleton(new RegisFlowOptions { DataDirectory = fixture.DataDirectory, BackupDirectory = fixture.NewBackupDirectory() });
            s.AddSingleton(monitoring);
            s.AddSingleton<MemoryProbe>(_memory);
        });
        return (services, services.GetRequiredService<BackupService>(), monitoring);
    }

    private static async Task<IEnumerable<string>> OpenKindsAsync(AlertService alerts) =>
        (await alerts.OpenAsync(RegisterData.Admin)).Select(a => a.Kind);

    private sealed class FakeMemory : MemoryProbe
    {
        public MemoryReading Reading { get; set; } = new(100L << 20, 1000L << 20, "cgroup");

        public override MemoryReading Read() => Reading;
    }
}
