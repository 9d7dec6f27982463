using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Sales;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Foundation;

/// <summary>A register recorded before product references and required authorities keeps every sale and line through the migration.</summary>
public class RegisterFieldsMigrationTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Existing_sales_keep_their_first_names_and_ean13_codes_and_get_non_renseignee_as_missing_authority()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261125152545_InitialRegister");
        }
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, """
            INSERT INTO stores (name, address, is_active, created_at, updated_at) VALUES ('Magasin Ancien', '', true, now(), now());
            INSERT INTO sales (store_id, sold_at, seller_name, buyer_last_name, buyer_first_name, buyer_birth_date, buyer_birth_place,
                               buyer_address, payment_method, id_document_type, id_document_number, id_document_authority,
                               id_document_issue_date, search_text, created_at)
            SELECT id, now(), 'Vendeur', 'Dupont', 'Jean Pierre', '1980-01-01', 'Lyon', '1 rue de la Paix', 'Cash', 'Passport', 'AB123', a,
                   '2020-01-01', '', now()
            FROM stores, (VALUES (NULL), ('  '), ('Préfecture du Rhône')) AS authorities(a);
            INSERT INTO sale_lines (sale_id, position, article_type, category, quantity, ean13)
            SELECT id, 1, 'Rocket', 'F2', 2, '4006381333931' FROM sales;
            """);

        await fixture.Services.InitializeDatabaseAsync();

        await using var migrated = await fixture.CreateDbContextAsync();
        var sales = await migrated.Sales.Include(s => s.Lines).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(["non renseignée", "non renseignée", "Préfecture du Rhône"], sales.Select(s => s.IdDocumentAuthority));
        Assert.All(sales, s => Assert.Equal("Jean Pierre", s.BuyerFirstNames));
        Assert.All(sales.SelectMany(s => s.Lines), l => Assert.Equal(("4006381333931", ReferenceKind.Ean13), (l.Reference, l.ReferenceKind)));
        Assert.Equal(3, sales.SelectMany(s => s.Lines).Count());
    }
}
