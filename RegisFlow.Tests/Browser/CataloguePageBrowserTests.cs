using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>A manager keeps the store's catalogue: one article typed in the form, then a CSV file refused for one bad line.</summary>
[Collection(BrowserCollection.Name)]
public class CataloguePageBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task A_manager_adds_an_article_and_a_csv_with_one_bad_line_imports_nothing_and_says_which_line()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var typed = "BATT-" + suffix;
        var goodInFile = "FUSEE-" + suffix;
        var badInFile = "PETARD-" + suffix;
        await using var browser = await app.OpenAsync(Viewport.Desktop, UserRole.Manager);
        var page = browser.Page;
        await page.OpenAsync("/catalogue");

        var form = page.GetByTestId("catalogue-form");
        await form.GetByLabel("Référence (code-barres ou référence magasin)").FillAsync(typed);
        await form.GetByLabel("Libellé").FillAsync("Batterie 25 coups");
        await form.Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Batterie", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await form.GetByText("F3", new() { Exact = true }).ClickAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'article" }).ClickAsync();
        var articles = page.GetByTestId("catalogue-articles");
        await Assertions.Expect(articles.Locator("tr").Filter(new() { HasText = typed })).ToContainTextAsync("Batterie 25 coups");

        var csv = "reference;type;categorie;libelle\n"
            + $"{goodInFile};Fusée;F2;Fusée 3 effets\n"
            + $"{badInFile};Pétard volant;F9;Pétard\n";
        await page.GetByTestId("catalogue-import").SetInputFilesAsync(new FilePayload
        {
            Name = "catalogue.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        var errors = page.GetByTestId("catalogue-import-errors");
        await Assertions.Expect(errors).ToHaveTextAsync("Ligne 3 : Type « Pétard volant » inconnu ; catégorie « F9 » inconnue (F2 ou F3).",
            new() { Timeout = BrowserTimeouts.ServerWork });
        await Assertions.Expect(page.GetByText("Rien n'a été importé")).ToBeVisibleAsync();
        await Assertions.Expect(articles.Locator("tr").Filter(new() { HasText = goodInFile })).ToHaveCountAsync(0);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync();
        var stored = await db.CatalogueArticles.AsNoTracking().Where(a => a.Reference.EndsWith(suffix)).Select(a => a.Reference).ToListAsync();
        Assert.Equal([typed], stored);
        await browser.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task A_reference_the_catalogue_does_not_know_is_offered_after_the_sale_and_fills_the_next_sale_once_added()
    {
        var ean = RegisFlow.Tests.History.TestSales.Ean13(Random.Shared.Next(100_000, 999_999));
        await using var browser = await app.OpenAsync(Viewport.TabletPortrait, UserRole.Manager);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await SaleBrowserTests.FillValidSaleAsync(page, "Catalogue-" + ean);
        var line = page.Locator("[data-line='1']");
        await line.Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Batterie", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await line.GetByText("F3", new() { Exact = true }).ClickAsync();
        await SaleBrowserTests.Field(line, SaleBrowserTests.BarcodeLabel).FillAsync(ean);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" }).ClickAsync();
        await page.WaitForSavedSaleAsync();

        var offer = page.GetByTestId("unknown-references");
        await Assertions.Expect(offer).ToContainTextAsync("pas encore dans le catalogue", new() { Timeout = BrowserTimeouts.ServerWork });
        await offer.GetByRole(AriaRole.Link, new() { Name = $"Ajouter {ean} au catalogue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Catalogue du magasin", Level = 1 })).ToBeVisibleAsync();
        var form = page.GetByTestId("catalogue-form");
        await Assertions.Expect(form.GetByLabel("Référence (code-barres ou référence magasin)")).ToHaveValueAsync(ean);
        await Assertions.Expect(form.Locator(".mud-select input").First).ToHaveValueAsync("Batterie");
        await form.GetByLabel("Libellé").FillAsync("Batterie 36 coups");
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'article" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("catalogue-articles").Locator("tr").Filter(new() { HasText = ean })).ToContainTextAsync("F3");

        // The next sale of that product: the code alone fills type and category.
        await page.OpenAsync("/ventes/nouvelle");
        await SaleBrowserTests.Field(line, SaleBrowserTests.BarcodeLabel).FillAsync(ean);
        await Assertions.Expect(line.GetByTestId("catalogue-label")).ToContainTextAsync("Batterie 36 coups");
        await Assertions.Expect(line.Locator(".mud-select input").First).ToHaveValueAsync("Batterie");
        await browser.AssertNoErrorsAsync();
    }
}
