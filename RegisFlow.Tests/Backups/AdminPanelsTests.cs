using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain;
using RegisFlow.Domain.Admin;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Purge;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Admin;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

public class AdminPanelsTests : ComponentTestBase, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DatabaseFixture _fixture;
    private readonly string _backupDirectory;
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;

    public AdminPanelsTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        _backupDirectory = fixture.NewBackupDirectory();
        var domain = fixture.WithBackupDirectory(_backupDirectory);
        Services.AddSingleton(domain.GetRequiredService<RegisFlow.Domain.RegisFlowOptions>());
        Services.AddSingleton(domain.GetRequiredService<BackupKey>());
        Services.AddSingleton(domain.GetRequiredService<RegisFlowOptions>());
        Services.AddSingleton(domain.GetRequiredService<DashboardService>());
        Services.AddSingleton(domain.GetRequiredService<RegisFlow.Domain.Stores.StoreService>());
        Services.AddSingleton(domain.GetRequiredService<PurgeService>());
        Services.AddSingleton(domain.GetRequiredService<BackupService>());
        Services.AddSingleton(domain.GetRequiredService<RestoreService>());
        Services.AddSingleton<TimeProvider>(fixture.Clock);
        Services.AddScoped<CurrentCaller>();
        _auth = AddAuthorization();
        _auth.SetAuthorized("admin");
        _auth.SetRoles("Admin");
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's key interceptor (behind the chips and icon buttons) can only be disposed asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

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
    public async Task The_sales_chart_covers_7_30_or_365_days_per_store_or_all_with_totals_per_category()
    {
        await _fixture.ResetAsync();
        var now = _fixture.Clock.GetUtcNow();
        int main, other;
        await using (var db = await _fixture.CreateDbContextAsync())
        {
            main = db.Stores.First().Id;
            other = (await History.TestSales.AddStoreAsync(db, "Magasin d'Arlès")).Id;
            AddSale(db, main, now.AddHours(-2), "Aujourdhui", 16);
            AddSale(db, other, now.AddDays(-3), "Arles", 16);
            AddSale(db, main, now.AddDays(-20), "Vingt", 16);
            AddSale(db, main, now.AddDays(-200), "Ete", 16);
            db.Sales.Add(History.TestSales.Build(main, now.AddDays(-1), category: Domain.Sales.FireworkCategory.F3, lineCount: 1));
            await db.SaveChangesAsync();
        }
        var dashboard = Services.GetRequiredService<DashboardService>();

        var week = await dashboard.GetSalesAsync(Admin, 7, null);
        var mainMonth = await dashboard.GetSalesAsync(Admin, 30, main);
        var year = await dashboard.GetSalesAsync(Admin, 365, null);

        Assert.Equal((7, false, 3L), (week.Bars.Count, week.ByMonth, week.TotalSales));
        Assert.Equal(new DateOnly(2026, 11, 25), week.Bars[^1].Start);
        Assert.Equal((30, 3L), (mainMonth.Bars.Count, mainMonth.TotalSales));
        Assert.Equal((true, 13, 5L), (year.ByMonth, year.Bars.Count, year.TotalSales));
        Assert.Equal(new DateOnly(2026, 11, 1), year.Bars[^1].Start);
        // AddSale writes two F2 lines (quantities 2 and 3); the F3 sale one line of 2.
        Assert.Equal([(Domain.Sales.FireworkCategory.F2, 4L, 20L), (Domain.Sales.FireworkCategory.F3, 1L, 2L)],
            year.Categories.Select(c => (c.Category, c.Sales, c.Quantity)));
        Assert.Equal([(Domain.Sales.FireworkCategory.F2, 2L, 10L), (Domain.Sales.FireworkCategory.F3, 1L, 2L)],
            mainMonth.Categories.Select(c => (c.Category, c.Sales, c.Quantity)));
    }

    [Fact]
    public async Task The_backup_history_shows_each_runs_outcome_size_and_duration()
    {
        await _fixture.ResetAsync();
        var now = _fixture.Clock.GetUtcNow();
        await using (var db = await _fixture.CreateDbContextAsync())
        {
            db.AuditEvents.Add(AuditLog.For(null, AuditActions.BackupCreated, new DateTimeOffset(2026, 11, 24, 2, 1, 5, TimeSpan.Zero),
                new { fileName = "regisflow-20261124-020000.rfbak", sizeBytes = 52_428_800 }));
            db.AuditEvents.Add(AuditLog.For(null, AuditActions.BackupFailed, new DateTimeOffset(2026, 11, 24, 14, 0, 30, TimeSpan.Zero),
                new { fileName = "regisflow-20261124-140000.rfbak", error = "disque plein" }));
            await db.SaveChangesAsync();
        }

        var runs = await Services.GetRequiredService<DashboardService>().GetBackupRunsAsync(Admin);
        var panel = Render<BackupHistoryPanel>();

        Assert.Equal([(false, (long?)null, TimeSpan.FromSeconds(30), "disque plein"), (true, 52_428_800L, TimeSpan.FromSeconds(65), null)],
            runs.Select(r => (r.Succeeded, r.SizeBytes, r.Duration!.Value, r.Error)));
        panel.WaitForAssertion(() => Assert.Equal("2 sauvegardes récentes, dont 1 échec.", panel.Find("[data-testid=backup-runs-summary]").TextContent));
        var rows = panel.FindAll("[data-testid=backup-runs] tbody tr");
        Assert.Contains("Échec", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("30 s", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("50,0 Mo", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 min 05 s", rows[1].TextContent, StringComparison.Ordinal);
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
            var storeId = db.Stores.First().Id;
            AddSale(db, storeId, now.AddMonths(-20), "Ancien", 16);
            // Two refused sales past the retention, one recent that stays.
            db.SuspiciousAttempts.AddRange(RefusedSale(storeId, now.AddMonths(-19)), RefusedSale(storeId, now.AddMonths(-20)), RefusedSale(storeId, now.AddDays(-3)));
            db.AuditEvents.Add(AuditLog.For(null, AuditActions.BackupFailed, now, new { error = "disque plein" }));
            await db.SaveChangesAsync();
        }

        var purge = Render<PurgePanel>();
        // 25 November 2026: the sales and attempts of 24 May 2025 and before are past 18 months.
        purge.WaitForAssertion(() => Assert.Equal(
            "1 vente, 2 tentatives suspectes du 24/05/2025 ou d'avant et 0 sauvegarde antérieure au 25/05/2025 (conservation : 18 mois) seraient supprimées maintenant.",
            System.Text.RegularExpressions.Regex.Replace(purge.Find("[data-testid=purge-concerned]").TextContent, @"\s+", " ").Trim()));
        Assert.Contains("Lancer la purge", purge.Markup, StringComparison.Ordinal);
        Assert.Contains("Prochaine purge automatique : 26/11/2026 02:00", purge.Markup, StringComparison.Ordinal);
        await using (var db = await _fixture.CreateDbContextAsync())
        {
            db.SuspiciousAttempts.Remove(await db.SuspiciousAttempts.OrderBy(a => a.RecordedAt).FirstAsync());
            await db.SaveChangesAsync();
        }
        var again = Render<PurgePanel>();
        again.WaitForAssertion(() => Assert.Contains("1 vente, 1 tentative suspecte du 24/05/2025 ou d'avant",
            System.Text.RegularExpressions.Regex.Replace(again.Find("[data-testid=purge-concerned]").TextContent, @"\s+", " "), StringComparison.Ordinal));

        var backups = Render<BackupsPanel>();
        backups.WaitForAssertion(() => Assert.Contains("disque plein", backups.Find("[data-testid=backup-failure]").TextContent, StringComparison.Ordinal));
        Assert.Contains("0 sauvegarde conservée", backups.Find("[data-testid=backup-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_made_with_another_key_is_marked_and_cannot_be_restored_from_the_list()
    {
        await _fixture.ResetAsync();
        var otherKey = new BackupKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using (var other = (ServiceProvider)_fixture.WithBackupDirectory(_backupDirectory, otherKey))
        {
            await other.GetRequiredService<BackupService>().CreateAsync(Admin);
        }

        var backups = Render<BackupsPanel>();

        backups.WaitForAssertion(() => Assert.Equal("Autre clé", backups.Find("[data-testid=backup-other-key]").TextContent.Trim()));
        Assert.True(backups.Find("button[aria-label=Restaurer]").HasAttribute("disabled"));
        Assert.Contains(Services.GetRequiredService<BackupKey>().Id, backups.Find("[data-testid=backup-key]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_backups_panel_says_so_instead_of_failing_when_the_admin_s_own_session_has_ended()
    {
        await _fixture.ResetAsync();
        var backups = Render<BackupsPanel>();
        backups.WaitForAssertion(() => Assert.Contains("0 sauvegarde conservée", backups.Find("[data-testid=backup-summary]").TextContent, StringComparison.Ordinal));

        // A restore ends every session, this admin's too: the page is on its way to the login page.
        _auth.SetNotAuthorized();
        await backups.InvokeAsync(() => backups.Find("button:contains('Sauvegarder maintenant')").ClickAsync(new()));

        backups.WaitForAssertion(() => Assert.Contains("Veuillez vous connecter.", Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Single().Message, StringComparison.Ordinal));
        Assert.Empty(BackupTestSupport.BackupFiles(_backupDirectory));
    }
}
