using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RegisFlow.Domain.Catalogue;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using SkiaSharp;
using Xunit.Abstractions;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// A returning buyer buys two catalogue products: the same sale typed by hand, then with the hand-held scanner, the catalogue and
/// the returning-buyer fill. Taps and keystrokes are counted as a clerk makes them (a date typed on a computer is 8 keys).
/// </summary>
[Collection(BrowserCollection.Name)]
public class CatalogueBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string RocketEan = "3760123456791";
    private const string CandleEan = "3760123456807";

    /// <summary>What the clerk does, counted.</summary>
    private sealed class Clerk(IPage page)
    {
        public int Taps { get; private set; }
        public int Keys { get; private set; }

        public async Task TapAsync(ILocator target)
        {
            await target.ClickAsync();
            Taps++;
        }

        public async Task TypeAsync(ILocator field, string text, int? keys = null)
        {
            await field.ClickAsync();
            Taps++;
            await field.FillAsync(text);
            Keys += keys ?? text.Length;
        }

        /// <summary>A hand-held scanner: the digits then Enter, as keystrokes the clerk does not make (counted apart).</summary>
        public async Task ScanWithWedgeAsync(ILocator field, string code)
        {
            await field.ClickAsync();
            Taps++;
            await field.PressSequentiallyAsync(code);
            await field.PressAsync("Enter");
        }

        public IPage Page => page;
    }

    internal static async Task SeedCatalogueAsync(IServiceProvider services, string reference, ArticleType type, FireworkCategory category, string label)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync();
        var manager = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == BrowserAccounts.ManagerUserName);
        await services.GetRequiredService<CatalogueService>().SaveAsync(
            new Caller(manager.Id, manager.UserName, manager.DisplayName, manager.Role, manager.StoreId), null,
            new CatalogueInput { Reference = reference, ArticleType = type, Category = category, Label = label });
    }

    [Fact]
    public async Task A_returning_buyer_buying_two_catalogue_products_takes_fewer_taps_and_keystrokes()
    {
        await SeedCatalogueAsync(app.Services, RocketEan, ArticleType.Rocket, FireworkCategory.F3, "Fusée Comète F3");
        await SeedCatalogueAsync(app.Services, CandleEan, ArticleType.RomanCandle, FireworkCategory.F2, "Chandelle 10 coups");
        var number = "RB" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        await using var browser = await app.OpenAsync(Viewport.TabletLandscape, UserRole.Employee);
        var page = browser.Page;

        await page.OpenAsync("/ventes/nouvelle");
        var byHand = new Clerk(page);
        await TypeLineByHandAsync(byHand, 1, "Fusée", "F3", RocketEan);
        await byHand.TapAsync(page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un produit" }));
        await TypeLineByHandAsync(byHand, 2, "Chandelle romaine", "F2", CandleEan);
        await byHand.TypeAsync(SaleBrowserTests.Field(page, "Nom"), "Durand-Villiers");
        await byHand.TypeAsync(SaleBrowserTests.Field(page, "Prénoms"), "Hélène Marie");
        await byHand.TypeAsync(SaleBrowserTests.Field(page, "Date de naissance"), "1979-04-21", keys: 8);
        await byHand.TypeAsync(SaleBrowserTests.Field(page, "Lieu de naissance"), "Clermont-Ferrand");
        await byHand.TypeAsync(SaleBrowserTests.Field(page, "Adresse"), "8 rue Blatin, 63000 Clermont-Ferrand");
        await byHand.TapAsync(page.GetByText("Carte Bancaire", new() { Exact = true }));
        await byHand.TapAsync(page.GetByText("Carte Nationale d'Identité", new() { Exact = true }));
        await byHand.TypeAsync(SaleBrowserTests.Field(page, "Numéro"), number);
        await byHand.TypeAsync(SaleBrowserTests.Field(page, "Autorité de délivrance"), "Préfecture du Puy-de-Dôme");
        await byHand.TypeAsync(SaleBrowserTests.Field(page, "Date de délivrance"), "2020-09-15", keys: 8);
        var first = await SaveAsync(page);

        var helped = new Clerk(page);
        await helped.ScanWithWedgeAsync(BarcodeField(page, 1), RocketEan);
        await Assertions.Expect(page.Locator("[data-line='1']").GetByTestId("catalogue-label")).ToContainTextAsync("Fusée Comète F3");
        await helped.TapAsync(page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un produit" }));
        await helped.ScanWithWedgeAsync(BarcodeField(page, 2), CandleEan);
        await Assertions.Expect(page.Locator("[data-line='2']").GetByTestId("catalogue-label")).ToContainTextAsync("Chandelle 10 coups");
        await helped.TypeAsync(SaleBrowserTests.Field(page, "Client déjà venu : n° de la pièce d'identité"), number);
        var offer = page.GetByTestId("returning-buyer-fields");
        await Assertions.Expect(offer).ToContainTextAsync("Durand-Villiers");
        await Assertions.Expect(offer).ToContainTextAsync("Préfecture du Puy-de-Dôme");
        await helped.TapAsync(page.GetByRole(AriaRole.Button, new() { Name = "Remplir avec ces informations" }));
        await Assertions.Expect(SaleBrowserTests.Field(page, "Nom")).ToHaveValueAsync("Durand-Villiers");
        await helped.TapAsync(page.GetByText("Carte Bancaire", new() { Exact = true }));
        var second = await SaveAsync(page, first);

        output.WriteLine($"Sans aide (saisie à la main) : {byHand.Taps} appuis, {byHand.Keys} frappes.");
        output.WriteLine($"Client déjà venu + catalogue + douchette : {helped.Taps} appuis, {helped.Keys} frappes "
            + $"(plus {2 * (RocketEan.Length + 1)} caractères envoyés par la douchette). Photos identiques dans les deux cas, non comptées.");
        Assert.True(helped.Taps < byHand.Taps && helped.Keys < byHand.Keys);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync();
        var sales = await db.Sales.AsNoTracking().Include(s => s.Lines).Where(s => s.Id == first || s.Id == second).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(2, sales.Count);
        foreach (var sale in sales)
        {
            Assert.Equal([(ArticleType.Rocket, FireworkCategory.F3, RocketEan), (ArticleType.RomanCandle, FireworkCategory.F2, CandleEan)],
                sale.Lines.OrderBy(l => l.Position).Select(l => (l.ArticleType, l.Category, l.Reference)));
        }
        Assert.Equal((sales[0].BuyerLastName, sales[0].BuyerAddress, sales[0].IdDocumentNumber, sales[0].IdDocumentIssueDate),
            (sales[1].BuyerLastName, sales[1].BuyerAddress, sales[1].IdDocumentNumber, sales[1].IdDocumentIssueDate));
        await browser.AssertNoErrorsAsync();
    }

    private static ILocator BarcodeField(IPage page, int line) =>
        SaleBrowserTests.Field(page.Locator($"[data-line='{line}']"), SaleBrowserTests.BarcodeLabel);

    private static async Task TypeLineByHandAsync(Clerk clerk, int number, string articleType, string category, string code)
    {
        var page = clerk.Page;
        var line = page.Locator($"[data-line='{number}']");
        await Assertions.Expect(line).ToBeVisibleAsync();
        await clerk.TapAsync(line.Locator(".mud-select").First);
        await clerk.TapAsync(page.Locator(".mud-popover-open").GetByText(articleType, new() { Exact = true }));
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await clerk.TapAsync(line.GetByText(category, new() { Exact = true }));
        await clerk.TypeAsync(BarcodeField(page, number), code);
    }

    /// <summary>Photos (the same in both sales, not counted), then save; returns the sale's number.</summary>
    private static async Task<long> SaveAsync(IPage page, long? previous = null)
    {
        await SaleBrowserTests.UploadPhotoAsync(page, "Pièce d'identité (recto)", SKColors.DarkOrange);
        await SaleBrowserTests.UploadPhotoAsync(page, "Pièce d'identité (verso)", SKColors.SlateBlue);
        await SaleBrowserTests.UploadPhotoAsync(page, "Ticket de caisse", SKColors.SeaGreen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" }).ClickAsync();
        var number = await page.WaitForSavedSaleAsync(previous);
        await Assertions.Expect(SaleBrowserTests.Field(page, "Nom")).ToHaveValueAsync("");
        return number;
    }
}
