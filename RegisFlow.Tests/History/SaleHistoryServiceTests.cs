using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.History;

public class SaleHistoryServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
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
    public async Task Pages_filters_and_search_return_the_rows_a_plain_query_on_the_same_sales_returns()
    {
        var random = new Random(42);
        string[] names = ["DUPONT", "Dupônt", "Lefèvre", "Martin", "Ndiaye", "Özil", "Dupond"];
        string[] places = ["Lyon", "Orléans", "Besançon", "Nîmes"];
        var sales = Enumerable.Range(0, 60).Select(i => TestSales.Build(
            storeId: i % 3 == 0 ? _world.OtherStore : _world.MainStore,
            soldAt: TestSales.AtParis(2026, 11, 1 + random.Next(20), random.Next(24), random.Next(60)),
            lastName: names[random.Next(names.Length)],
            firstName: random.Next(2) == 0 ? "Élodie" : "Jean",
            birthPlace: places[random.Next(places.Length)],
            payment: (PaymentMethod)random.Next(5),
            category: random.Next(2) == 0 ? FireworkCategory.F2 : FireworkCategory.F3,
            lineCount: 1 + random.Next(3))).ToArray();
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, sales);
        }

        SaleExportQuery[] queries =
        [
            new(),
            new(Search: "dupont"),
            new(Search: "  ELODIE   dupont "),
            new(Search: "orleans"),
            new(Search: "fontaine"),
            new(From: new DateOnly(2026, 11, 5), To: new DateOnly(2026, 11, 12)),
            new(Category: FireworkCategory.F3, Payment: PaymentMethod.Cash),
            new(From: new DateOnly(2026, 11, 3), Search: "jean", Category: FireworkCategory.F2),
        ];
        foreach (var caller in new[] { _world.Manager, _world.Admin, _world.OtherManager })
        {
            foreach (var query in queries)
            {
                var expected = Expected(sales, caller, query).OrderByDescending(s => s.SoldAt).ThenByDescending(s => s.Id).Select(s => s.Id).ToList();
                // Forward from the newest page to the oldest, then back from the oldest: both walks list the same sales.
                var seen = new List<long>();
                var result = await History.GetPageAsync(caller, query, HistoryMove.First, pageSize: 7);
                while (true)
                {
                    Assert.Equal((expected.Count, true), (result.Matching.Value, result.Matching.IsExact));
                    Assert.Equal(Expected(sales, caller, new SaleExportQuery()).Count(), result.Total);
                    seen.AddRange(result.Rows.Select(r => r.Id));
                    if (!result.HasOlder)
                    {
                        break;
                    }
                    result = await History.GetPageAsync(caller, query, HistoryMove.Older, result.Rows[^1].Cursor, 7);
                }
                Assert.Equal(expected, seen);

                var backwards = new List<long>();
                result = await History.GetPageAsync(caller, query, HistoryMove.Last, pageSize: 7);
                Assert.False(result.HasOlder);
                while (true)
                {
                    backwards.InsertRange(0, result.Rows.Select(r => r.Id));
                    if (!result.HasNewer)
                    {
                        break;
                    }
                    result = await History.GetPageAsync(caller, query, HistoryMove.Newer, result.Rows[0].Cursor, 7);
                }
                Assert.Equal(expected, backwards);
            }
        }
    }

    [Fact]
    public async Task Search_dupont_finds_DUPONT_and_Dupont_with_an_accent_but_not_Dupond()
    {
        var day = TestSales.AtParis(2026, 11, 10, 15);
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db,
                TestSales.Build(_world.MainStore, day, lastName: "DUPONT"),
                TestSales.Build(_world.MainStore, day, lastName: "Dupônt"),
                TestSales.Build(_world.MainStore, day, lastName: "Dupond"));
        }

        var page = await History.GetPageAsync(_world.Employee, new SaleExportQuery(Search: "dupont"), pageSize: 50);

        Assert.Equal(["DUPONT", "Dupônt"], page.Rows.Select(r => r.BuyerLastName).Order(StringComparer.Ordinal));
        Assert.Equal(2, page.Matching.Value);
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task A_date_range_includes_both_days_whole_in_Paris_time()
    {
        Sale[] sales =
        [
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 9, 23, 59), lastName: "Veille"),
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 0, 0), lastName: "Premier"),
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 12, 23, 30), lastName: "Dernier"),
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 13, 0, 10), lastName: "Lendemain"),
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 7, 14, 23, 30), lastName: "Ete"),
        ];
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, sales);
        }

        var november = await History.GetPageAsync(_world.Manager, new SaleExportQuery(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 12)), pageSize: 50);
        var summer = await History.GetPageAsync(_world.Manager, new SaleExportQuery(To: new DateOnly(2026, 7, 14)), pageSize: 50);

        Assert.Equal(["Dernier", "Premier"], november.Rows.Select(r => r.BuyerLastName));
        Assert.Equal(["Ete"], summer.Rows.Select(r => r.BuyerLastName));
    }

    [Fact]
    public async Task The_details_hold_every_field_line_and_photo_and_who_entered_the_sale()
    {
        Sale sale;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            sale = TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 20, 18), lastName: "Lefèvre", lineCount: 3, photos: true,
                createdBy: _world.Employee.UserId);
            await TestSales.InsertAsync(db, sale);
        }

        var details = await History.GetAsync(_world.Employee, sale.Id);

        Assert.NotNull(details);
        Assert.Equal(("Lefèvre", "Jeanne", "Magasin Principal", "employe (test)"), (details.BuyerLastName, details.BuyerFirstNames, details.StoreName, details.CreatedBy));
        Assert.Equal(sale.Lines.Select(l => (l.Position, l.Reference, l.ReferenceKind, l.Quantity)), details.Lines.Select(l => (l.Position, l.Reference, l.ReferenceKind, l.Quantity)));
        Assert.Equal(3, details.Photos.Count);
        var photo = await History.GetPhotoAsync(_world.Employee, details.Photos[0].Id);
        Assert.Equal(sale.Photos.Single(p => p.Id == details.Photos[0].Id).Data, photo!.Data);
    }

    [Fact]
    public async Task A_manager_can_neither_read_nor_delete_a_sale_of_another_store_nor_see_its_photos()
    {
        Sale other;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            other = TestSales.Build(_world.OtherStore, TestSales.AtParis(2026, 11, 20, 18), photos: true);
            await TestSales.InsertAsync(db, other);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => History.GetAsync(_world.Manager, other.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => History.DeleteAsync(_world.Manager, other.Id, "Erreur de saisie"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => History.GetPageAsync(_world.Manager, new SaleExportQuery(StoreId: _world.OtherStore), pageSize: 10));
        Assert.Null(await History.GetPhotoAsync(_world.Manager, other.Photos[0].Id));
        Assert.Empty((await History.GetPageAsync(_world.Manager, new SaleExportQuery(), pageSize: 10)).Rows);

        Assert.NotNull(await History.GetAsync(_world.Admin, other.Id));
        Assert.NotNull(await History.GetPhotoAsync(_world.OtherManager, other.Photos[0].Id));
        await using var check = await fixture.CreateDbContextAsync();
        Assert.True(await check.Sales.AnyAsync(s => s.Id == other.Id));
    }

    [Fact]
    public async Task An_employee_cannot_delete_a_sale()
    {
        Sale sale;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            sale = TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 20, 18));
            await TestSales.InsertAsync(db, sale);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => History.DeleteAsync(_world.Employee, sale.Id, "Erreur"));

        await using var check = await fixture.CreateDbContextAsync();
        Assert.True(await check.Sales.AnyAsync(s => s.Id == sale.Id));
    }

    [Fact]
    public async Task Deleting_needs_a_reason_removes_the_sale_its_lines_and_photos_and_audits_who_why_and_which_sale()
    {
        Sale sale;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            sale = TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 20, 18), lastName: "Secret-Nom", lineCount: 2, photos: true);
            await TestSales.InsertAsync(db, sale);
        }

        await Assert.ThrowsAsync<ArgumentException>(() => History.DeleteAsync(_world.Manager, sale.Id, "   "));
        await History.DeleteAsync(_world.Manager, sale.Id, "Vente saisie deux fois");

        await using var check = await fixture.CreateDbContextAsync();
        Assert.False(await check.Sales.AnyAsync(s => s.Id == sale.Id));
        Assert.False(await check.SaleLines.AnyAsync(l => l.SaleId == sale.Id));
        Assert.False(await check.SalePhotos.AnyAsync(p => p.SaleId == sale.Id));
        Assert.Equal(0, (await History.GetPageAsync(_world.Manager, new SaleExportQuery(), pageSize: 10)).Total);
        var audit = await check.AuditEvents.SingleAsync(a => a.Action == "sale.deleted");
        Assert.Equal((_world.Manager.UserId, _world.MainStore, sale.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (audit.UserId!.Value, audit.StoreId!.Value, audit.TargetId));
        Assert.Contains("Vente saisie deux fois", audit.Details, StringComparison.Ordinal);
        Assert.Contains("Magasin Principal", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Nom", audit.Details, StringComparison.Ordinal);
        Assert.Equal(fixture.Clock.GetUtcNow(), audit.OccurredAt);
    }

    /// <summary>The same selection, computed in memory the obvious way.</summary>
    private static IEnumerable<Sale> Expected(IEnumerable<Sale> sales, Caller caller, SaleExportQuery query)
    {
        var terms = SearchText.Normalize(query.Search).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return sales.Where(s =>
            (caller.IsAdmin || s.StoreId == caller.StoreId)
            && (query.From is null || TimeZoneInfo.ConvertTime(s.SoldAt, TestSales.Paris).Date >= query.From.Value.ToDateTime(TimeOnly.MinValue))
            && (query.To is null || TimeZoneInfo.ConvertTime(s.SoldAt, TestSales.Paris).Date <= query.To.Value.ToDateTime(TimeOnly.MinValue))
            && (query.Category is null || s.Lines.Any(l => l.Category == query.Category))
            && (query.Payment is null || s.PaymentMethod == query.Payment)
            && terms.All(t => s.SearchText.Contains(t, StringComparison.Ordinal)));
    }
}
