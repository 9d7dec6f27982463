using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RegisFlow.Domain.Data;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Foundation;

/// <summary>Sales recorded before the stored counts get them from their lines and photos, lose the seller from their search text, and are counted per hour.</summary>
public class HistoryCountsMigrationTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Existing_sales_get_their_counts_a_search_text_without_the_seller_and_their_hour_counts()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261201081726_RegisterFieldsAndReferences");
        }
        // As the app stored them: buyer's names, the seller, then the document number, birth place, references and article types.
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, """
            INSERT INTO stores (name, address, is_active, created_at, updated_at) VALUES ('Magasin Ancien', '', true, now(), now());
            INSERT INTO sales (store_id, sold_at, seller_name, buyer_last_name, buyer_first_names, buyer_birth_date, buyer_birth_place,
                               buyer_address, payment_method, id_document_type, id_document_number, id_document_authority,
                               id_document_issue_date, search_text, created_at)
            SELECT id, v.at, v.seller, 'De La Tour', 'Hélène Marie', '1980-01-01', 'Besançon', '1 rue de la Paix', 'Cash', 'Passport', 'AB123',
                   'Préfecture', '2020-01-01', 'de la tour helene marie ' || v.normalised || ' ab123 besancon 4006381333931 fusee', now()
            FROM stores, (VALUES ('2026-11-10 09:15+00'::timestamptz, 'Hélène Vendeuse', 'helene vendeuse'),
                                 ('2026-11-10 09:45+00'::timestamptz, 'Paul', 'paul'),
                                 ('2026-11-10 11:05+00'::timestamptz, 'Jean  Pierre Durand', 'jean pierre durand')) AS v(at, seller, normalised);
            INSERT INTO sale_lines (sale_id, position, article_type, category, quantity, reference, reference_kind)
            SELECT id, p, 'Rocket', 'F2', p + 1, '4006381333931', 'Ean13' FROM sales, generate_series(1, 2) AS p;
            INSERT INTO sale_photos (sale_id, kind, content_type, size_bytes, width, height, data, created_at)
            SELECT id, 'IdFront', 'image/jpeg', 3, 1, 1, '\x010203'::bytea, now() FROM sales WHERE seller_name = 'Paul';
            """);

        await fixture.Services.InitializeDatabaseAsync();

        await using var migrated = await fixture.CreateDbContextAsync();
        var sales = await migrated.Sales.OrderBy(s => s.Id).ToListAsync();
        Assert.All(sales, s => Assert.Equal((2, 5, "de la tour helene marie ab123 besancon 4006381333931 fusee"), (s.LineCount, s.TotalQuantity, s.SearchText)));
        Assert.Equal([0, 1, 0], sales.Select(s => s.PhotoCount));
        var hours = await migrated.SaleHourCounts.OrderBy(c => c.Hour).Select(c => new { c.Hour.UtcDateTime.Hour, c.Sales }).ToListAsync();
        Assert.Equal([new { Hour = 9, Sales = 2 }, new { Hour = 11, Sales = 1 }], hours);

        // From now on the database keeps the hour counts itself, whoever writes the sales.
        var store = sales[0].StoreId;
        migrated.Sales.Add(TestSales.Build(store, new DateTimeOffset(2026, 11, 10, 9, 59, 0, TimeSpan.Zero)));
        await migrated.SaveChangesAsync();
        await migrated.Sales.Where(s => s.SellerName == "Paul").ExecuteDeleteAsync();
        await migrated.Sales.Where(s => s.SellerName == "Jean  Pierre Durand")
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SoldAt, new DateTimeOffset(2026, 11, 12, 8, 30, 0, TimeSpan.Zero)));
        var after = await migrated.SaleHourCounts.Where(c => c.Sales > 0).OrderBy(c => c.Hour)
            .Select(c => new { c.Hour.UtcDateTime.Day, c.Hour.UtcDateTime.Hour, c.Sales }).ToListAsync();
        Assert.Equal([new { Day = 10, Hour = 9, Sales = 2 }, new { Day = 12, Hour = 8, Sales = 1 }], after);
        Assert.Equal(0, await migrated.SaleHourCounts.Where(c => c.Hour.UtcDateTime.Hour == 11).SumAsync(c => c.Sales));
    }
}
