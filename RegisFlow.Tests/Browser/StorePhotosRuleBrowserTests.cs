using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using static RegisFlow.Tests.Browser.SaleBrowserTests;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// A manager makes photos compulsory in « Réglages de vente »; a seller whose camera has failed can still record the sale by
/// saying why, and that reason is kept with the sale.
/// </summary>
[Collection(BrowserCollection.Name)]
public class StorePhotosRuleBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task With_photos_required_a_sale_without_photos_is_refused_until_the_seller_says_why_they_could_not_be_taken()
    {
        var buyer = "SansPhoto-" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            await using (var manager = await app.OpenAsync(Viewport.TabletPortrait, UserRole.Manager))
            {
                var page = manager.Page;
                await page.OpenAsync("/magasin/reglages");
                await page.GetByText("Photos obligatoires (pièce d'identité et ticket de caisse)").ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=photos-required] input, input[data-testid=photos-required]")).ToBeCheckedAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
                await Assertions.Expect(page.GetByText($"Réglages de vente du magasin « {BrowserAccounts.MainStore} » enregistrés.")).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
            }

            await using var seller = await app.OpenAsync(Viewport.TabletPortrait, UserRole.Employee);
            var sale = seller.Page;
            await sale.OpenAsync("/ventes/nouvelle");
            await Assertions.Expect(sale.GetByTestId("photos-rule")).ToContainTextAsync("Ce magasin exige la photo");
            await FillValidSaleWithoutPhotosAsync(sale, buyer);
            var save = sale.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" });
            await save.ClickAsync();
            var summary = sale.GetByTestId("sale-errors");
            await Assertions.Expect(summary).ToContainTextAsync("La photo du recto de la pièce d'identité est obligatoire.", new() { Timeout = BrowserTimeouts.ServerWork });
            await Assertions.Expect(summary).ToContainTextAsync("La photo du ticket de caisse est obligatoire.");

            await sale.GetByText("Photo impossible (appareil photo en panne, par exemple)").ClickAsync();
            var reason = sale.GetByLabel("Pourquoi la photo n'a pas pu être prise");
            await reason.FillAsync("Appareil photo de la tablette en panne");
            await save.ClickAsync();
            await sale.WaitForSavedSaleAsync();
            await seller.AssertNoErrorsAsync();

            await using var db = await app.Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync();
            var stored = await db.Sales.AsNoTracking().SingleAsync(s => s.BuyerLastName == buyer);
            Assert.Equal("Appareil photo de la tablette en panne", stored.MissingPhotosReason);
        }
        finally
        {
            // The other browser tests sell in the same store with its default rule (photos optional).
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync();
            await db.Stores.Where(s => s.Name == BrowserAccounts.MainStore).ExecuteUpdateAsync(s => s.SetProperty(x => x.PhotosRequired, false));
        }
    }
}
