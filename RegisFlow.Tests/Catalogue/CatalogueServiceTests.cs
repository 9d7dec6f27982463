using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Catalogue;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;

namespace RegisFlow.Tests.Catalogue;

public class CatalogueServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Rocket = "3760123456784";

    private CatalogueService Catalogue => fixture.Services.GetRequiredService<CatalogueService>();

    private static CatalogueInput Article(string reference, string label = "Fusée Comète") =>
        new() { Reference = reference, ArticleType = ArticleType.Rocket, Category = FireworkCategory.F2, Label = label };

    [Fact]
    public async Task A_manager_of_one_store_can_neither_read_nor_change_another_stores_catalogue()
    {
        var storeA = await fixture.AddStoreAsync();
        var storeB = await fixture.AddStoreAsync();
        var managerA = (await fixture.AddUserAsync(UserRole.Manager, storeA.Id)).AsCaller();
        var managerB = (await fixture.AddUserAsync(UserRole.Manager, storeB.Id)).AsCaller();
        await Catalogue.SaveAsync(managerB, null, Article(Rocket, "Article du magasin B"));
        var articleB = (await Catalogue.ListAsync(managerB, storeB.Id)).Single();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalogue.ListAsync(managerA, storeB.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalogue.FindAsync(managerA, storeB.Id, Rocket));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalogue.SaveAsync(managerA, storeB.Id, Article(Rocket, "Piraté")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalogue.DeleteAsync(managerA, storeB.Id, articleB.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Catalogue.ImportAsync(managerA, storeB.Id, Encoding.UTF8.GetBytes($"{CatalogueCsv.Header}\n{Rocket};Fusée;F2;Piraté\n")));
        // In their own store, the same reference is another article; deleting B's article by its id from store A finds nothing.
        Assert.Null(await Catalogue.FindAsync(managerA, null, Rocket));
        await Assert.ThrowsAsync<InvalidInputException>(() => Catalogue.DeleteAsync(managerA, null, articleB.Id));

        var stillB = await Catalogue.FindAsync(managerB, null, Rocket);
        Assert.Equal("Article du magasin B", stillB!.Label);
    }

    [Fact]
    public async Task An_employee_finds_an_article_to_fill_a_sale_but_cannot_change_the_catalogue()
    {
        var store = await fixture.AddStoreAsync();
        var manager = (await fixture.AddUserAsync(UserRole.Manager, store.Id)).AsCaller();
        var employee = (await fixture.AddUserAsync(UserRole.Employee, store.Id)).AsCaller();
        await Catalogue.SaveAsync(manager, null, Article(Rocket));

        var found = await Catalogue.FindAsync(employee, null, " " + Rocket + " ");

        Assert.Equal((ArticleType.Rocket, FireworkCategory.F2), (found!.ArticleType, found.Category));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalogue.SaveAsync(employee, null, Article(Rocket, "Autre")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Catalogue.ListAsync(employee, null));
    }

    [Fact]
    public async Task A_csv_file_with_bad_lines_is_refused_whole_with_one_french_message_per_line()
    {
        var store = await fixture.AddStoreAsync();
        var manager = (await fixture.AddUserAsync(UserRole.Manager, store.Id)).AsCaller();
        var csv = string.Join("\n",
            "reference;type;categorie;libelle",
            $"{Rocket};Fusée;F2;Fusée Comète",
            "3760123456785;Fusée;F2;Mauvaise clé",
            "BATT-25;Batterie;F2;Batterie 25 coups",
            "BOUQ-1;Soleil;F3;Inconnu",
            "FONT-1;Fontaine;F2",
            $"{Rocket};Fusée;F3;Doublon",
            "");

        var result = await Catalogue.ImportAsync(manager, null, Encoding.UTF8.GetBytes(csv));

        Assert.False(result.Succeeded);
        Assert.Equal([3, 4, 5, 6, 7], result.Errors.Select(e => e.Line));
        Assert.Contains("clé de contrôle incorrecte", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("La catégorie F2 n'est pas autorisée pour « Batterie »", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("type « Soleil » inconnu", result.Errors[2].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("4 colonnes", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("figure déjà ligne 2", result.Errors[4].Message, StringComparison.Ordinal);
        Assert.Empty(await Catalogue.ListAsync(manager, null));
    }

    [Fact]
    public async Task A_good_csv_file_adds_and_updates_articles_and_a_file_not_in_utf8_is_refused()
    {
        var store = await fixture.AddStoreAsync();
        var manager = (await fixture.AddUserAsync(UserRole.Manager, store.Id)).AsCaller();
        await Catalogue.SaveAsync(manager, null, Article(Rocket, "Ancien libellé"));
        var csv = "\uFEFFRéférence;Type;Catégorie;Libellé\r\n" + $"{Rocket};fusée;f2;Fusée Comète\r\n" + "BATT-25;Batterie;F3;Batterie 25 coups\r\n";

        var result = await Catalogue.ImportAsync(manager, null, Encoding.UTF8.GetBytes(csv));
        var latin1 = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Catalogue.ImportAsync(manager, null, Encoding.Latin1.GetBytes($"{CatalogueCsv.Header}\nX1;Fusée;F2;Fusée élancée\n")));

        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Equal((1, 1), (result.Added, result.Updated));
        Assert.Contains("UTF-8", latin1.Message, StringComparison.Ordinal);
        var articles = await Catalogue.ListAsync(manager, null);
        Assert.Equal(["Batterie 25 coups", "Fusée Comète"], articles.Select(a => a.Label));
    }

    [Fact]
    public async Task References_sold_but_not_in_the_catalogue_are_listed_to_add()
    {
        var store = await fixture.AddStoreAsync();
        var manager = (await fixture.AddUserAsync(UserRole.Manager, store.Id)).AsCaller();
        await fixture.AddSaleAsync(store.Id);
        await using var db = await fixture.CreateDbContextAsync();
        var sold = await db.SaleLines.Where(l => db.Sales.Any(s => s.Id == l.SaleId && s.StoreId == store.Id)).Select(l => l.Reference).FirstAsync();

        var before = await Catalogue.MissingAsync(manager, null);
        await Catalogue.SaveAsync(manager, null, Article(sold, "Connu"));
        var after = await Catalogue.MissingAsync(manager, null);

        Assert.Contains(before, m => m.Reference == sold);
        Assert.DoesNotContain(after, m => m.Reference == sold);
    }
}
