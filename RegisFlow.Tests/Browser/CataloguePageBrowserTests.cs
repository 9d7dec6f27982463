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
}
