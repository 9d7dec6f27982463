using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Sales;
using RegisFlow.Tests.Backups;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.History;

/// <summary>What each history row says it sold, and the numbers the page shows (from the hour counts the database keeps).</summary>
public class HistoryCountsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private HistoryWorld _world = null!;
    private SaleHistoryService History => fixture.Services.GetRequiredService<SaleHistoryService>();

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await using var db = await fixture.CreateDbContextAsync();
        _world = await HistoryWorld.CreateAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_row_lists_its_articles_in_order_with_their_category_and_quantity_and_its_stored_counts()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db,
                TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 10), lineCount: 3, photos: true),
                TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 11), category: FireworkCategory.F3));
        }

        var page = await History.GetPageAsync(_world.Manager, new SaleExportQuery());

        Assert.Equal([(ArticleType.Battery, FireworkCategory.F3, 2)], page.Rows[0].Articles.Select(a => (a.ArticleType, a.Category, a.Quantity)));
        Assert.Equal([(ArticleType.Fountain, 2), (ArticleType.Rocket, 3), (ArticleType.Fountain, 4)],
            page.Rows[1].Articles.Select(a => (a.ArticleType, a.Quantity)));
        Assert.Equal((3, 9, 3), (page.Rows[1].LineCount, page.Rows[1].TotalQuantity, page.Rows[1].PhotoCount));
        Assert.Equal((1, 2, 0), (page.Rows[0].LineCount, page.Rows[0].TotalQuantity, page.Rows[0].PhotoCount));
    }

    [Fact]
    public async Task Counts_are_exact_per_store_and_period_and_a_search_is_counted_up_to_a_thousand()
    {
        var start = TestSales.AtParis(2026, 11, 1, 9);
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, [.. Enumerable.Range(0, SaleCounts.CountLimit + 1)
                .Select(i => TestSales.Build(_world.MainStore, start.AddMinutes(17 * i), lastName: "Durand"))]);
            await TestSales.InsertAsync(db,
                TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 10, 31, 23, 59), lastName: "Veille"),
                TestSales.Build(_world.OtherStore, TestSales.AtParis(2026, 11, 2, 0, 0), lastName: "Arlésienne"));
        }
        var novemberFirst = new SaleExportQuery(From: new DateOnly(2026, 11, 1), To: new DateOnly(2026, 11, 1));
        await using (var db = await fixture.CreateDbContextAsync())
        {
            var expected = await db.Sales.CountAsync(s => s.StoreId == _world.MainStore && s.SoldAt >= start.AddHours(-9) && s.SoldAt < start.AddHours(15));

            var manager = await History.GetPageAsync(_world.Manager, novemberFirst);
            Assert.Equal((SaleCounts.CountLimit + 2, expected, true), (manager.Total, manager.Matching.Value, manager.Matching.IsExact));
        }
        var admin = await History.GetPageAsync(_world.Admin, new SaleExportQuery(From: new DateOnly(2026, 11, 2)));
        Assert.Equal(SaleCounts.CountLimit + 3, admin.Total);
        Assert.True(admin.Matching.IsExact);

        var durand = await History.GetPageAsync(_world.Manager, new SaleExportQuery(Search: "durand"));
        Assert.Equal((SaleCounts.CountLimit, false), (durand.Matching.Value, durand.Matching.IsExact));
        var veille = await History.GetPageAsync(_world.Manager, new SaleExportQuery(Search: "veille"));
        Assert.Equal((1, true), (veille.Matching.Value, veille.Matching.IsExact));

        await History.DeleteAsync(_world.Manager, veille.Rows[0].Id, "Saisie en double");
        Assert.Equal(SaleCounts.CountLimit + 1, (await History.GetPageAsync(_world.Manager, new SaleExportQuery())).Total);
    }

    [Fact]
    public async Task A_search_for_a_sellers_name_no_longer_brings_the_sales_they_made()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db,
                TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 10), lastName: "Martin", firstName: "Hélène", seller: "Paul Vendeur"),
                TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 11), lastName: "Durand", firstName: "Paul", seller: "Hélène Vendeuse"));
        }

        var page = await History.GetPageAsync(_world.Manager, new SaleExportQuery(Search: "hélène"));

        Assert.Equal(["Martin"], page.Rows.Select(r => r.BuyerLastName));
    }

    [Fact]
    public async Task After_a_restore_the_counts_are_those_of_the_restored_register()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, [.. Enumerable.Range(0, 4).Select(i => TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 10 + i)))]);
        }
        var directory = fixture.NewBackupDirectory();
        var services = fixture.WithBackupDirectory(directory);
        var backup = await services.GetRequiredService<BackupService>().CreateAsync(_world.Admin);
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, [.. Enumerable.Range(0, 3).Select(i => TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 11, 10 + i)))]);
        }
        Assert.Equal(7, (await History.GetPageAsync(_world.Admin, new SaleExportQuery())).Total);

        await services.GetRequiredService<RestoreService>().RestoreAsync(_world.Admin, Path.Combine(directory, backup.FileName));

        var restored = await History.GetPageAsync(_world.Admin, new SaleExportQuery());
        var november11 = await History.GetPageAsync(_world.Admin, new SaleExportQuery(From: new DateOnly(2026, 11, 11)));
        Assert.Equal((4, 4, 0), (restored.Total, restored.Rows.Count, november11.Matching.Value));
    }
}
