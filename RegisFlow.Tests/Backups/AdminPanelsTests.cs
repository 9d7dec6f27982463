using System.Security.Claims;
using Bunit;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Admin;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Purge;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Admin;
using RegisFlow.Web.Jobs;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

public class AdminPanelsTests : ComponentTestBase, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _fixture;

    public AdminPanelsTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        var domain = fixture.WithBackupDirectory(fixture.NewBackupDirectory());
        Services.AddSingleton(domain.GetRequiredService<DashboardService>());
        Services.AddSingleton(domain.GetRequiredService<PurgeService>());
        Services.AddSingleton(domain.GetRequiredService<BackupService>());
        Services.AddSingleton(domain.GetRequiredService<RestoreService>());
        var storageOptions = new PostgreSqlStorageOptions { SchemaName = HangfireSetup.SchemaName };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(fixture.ConnectionString, storageOptions), storageOptions);
        JobSchedule.Register(new RecurringJobManager(storage));
        Services.AddSingleton<JobStorage>(storage);
        Services.AddScoped<CurrentCaller>();
        var auth = AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles("Admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"));
    }

    [Fact]
    public async Task The_stats_panel_counts_stores_users_and_sales_and_charts_the_last_30_days()
    {
        await _fixture.ResetAsync();
        await using (var db = await _fixture.CreateDbContextAsync())
        {
            await SeedAsync(db, _fixture.Clock.GetUtcNow());
        }

        var panel = Render<StatsPanel>();

        panel.WaitForAssertion(() => Assert.Contains("2 magasins", panel.Find("[data-testid=stores-count]").TextContent, StringComparison.Ordinal));
        Assert.Contains("3 utilisateurs", panel.Find("[data-testid=users-count]").TextContent, StringComparison.Ordinal);
        Assert.Contains("12 ventes", panel.Find("[data-testid=sales-count]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(panel.FindAll("svg"));
    }

    [Fact]
    public async Task Sales_per_day_are_counted_on_Paris_days_over_30_days()
    {
        await _fixture.ResetAsync();
        var now = _fixture.Clock.GetUtcNow();
        await using (var db = await _fixture.CreateDbContextAsync())
        {
            var store = db.Stores.First();
            // 23:30 UTC on 24 November is already 25 November in Paris.
            AddSale(db, store.Id, new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.Zero), "Nuit", 16);
            AddSale(db, store.Id, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), "Matin", 16);
            AddSale(db, store.Id, now.AddDays(-40), "Vieux", 16);
            await db.SaveChangesAsync();
        }

        var stats = await Services.GetRequiredService<DashboardService>().GetStatsAsync(Admin);

        Assert.Equal(30, stats.LastDays.Count);
        Assert.Equal(new DailySales(new DateOnly(2026, 11, 25), 2), stats.LastDays[^1]);
        Assert.Equal(2, stats.LastDays.Sum(d => d.Count));
        Assert.Equal(3, stats.Sales);
    }

    [Fact]
    public async Task The_purge_panel_shows_how_many_sales_would_go_and_the_backups_panel_shows_the_last_failure()
    {
        await _fixture.ResetAsync();
        var now = _fixture.Clock.GetUtcNow();
        await using (var db = await _fixture.CreateDbContextAsync())
        {
            AddSale(db, db.Stores.First().Id, now.AddMonths(-20), "Ancien", 16);
            db.AuditEvents.Add(AuditLog.For(null, AuditActions.BackupFailed, now, new { error = "disque plein" }));
            await db.SaveChangesAsync();
        }

        var purge = Render<PurgePanel>();
        purge.WaitForAssertion(() => Assert.Contains("1 ventes antérieures au 25/04/2025", purge.Find("[data-testid=purge-concerned]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Lancer la purge", purge.Markup, StringComparison.Ordinal);
        Assert.Contains("Prochaine purge automatique : 01/12/2026 02:00", purge.Markup, StringComparison.Ordinal);

        var backups = Render<BackupsPanel>();
        backups.WaitForAssertion(() => Assert.Contains("disque plein", backups.Find("[data-testid=backup-failure]").TextContent, StringComparison.Ordinal));
        Assert.Contains("0 sauvegardes conservées", backups.Find("[data-testid=backup-summary]").TextContent, StringComparison.Ordinal);
    }
}
