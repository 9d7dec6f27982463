using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;
using SkiaSharp;

namespace RegisFlow.Tests.Browser;

/// <summary>A seller records a sale as in the shop: two products, a mistyped EAN-13, the camera and uploaded photos.</summary>
[Collection(BrowserCollection.Name)]
public class SaleBrowserTests(BrowserAppFixture app)
{
    public const string WrongEan = "4006381333932";
    public const string RightEan = "4006381333931";
    public const string EanMessage = "Le code EAN-13 est invalide (clé de contrôle incorrecte) : vérifiez la saisie.";

    public static TheoryData<string> Viewports() => Viewport.Names();

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task A_seller_records_a_sale_with_two_products_and_photos_and_finds_it_in_the_history(string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        var buyer = "Lefebvre-" + viewport.Name;
        await using var browser = await app.OpenAsync(viewport, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await Assertions.Expect(page.GetByText("Magasin :")).ToContainTextAsync(BrowserAccounts.MainStore);

        await FillLineAsync(page, 1, "Fusée", "F2", "3", WrongEan);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un produit" }).ClickAsync();
        await FillLineAsync(page, 2, "Batterie", "F3", "1", "5901234123457");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un produit" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-line='3']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer le produit 3" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-line='3']")).ToHaveCountAsync(0);

        await Field(page, "Nom").FillAsync(buyer);
        await Field(page, "Prénom").FillAsync("Camille");
        await Field(page, "Date de naissance").FillAsync("1985-06-14");
        await Field(page, "Lieu de naissance").FillAsync("Besançon");
        await Field(page, "Adresse").FillAsync("12 rue des Lilas, 69003 Lyon");
        await page.GetByText("Carte Bancaire", new() { Exact = true }).ClickAsync();
        await page.GetByText("Carte Nationale d'Identité", new() { Exact = true }).ClickAsync();
        await Field(page, "Numéro").FillAsync("X4RTBPFW4");
        await Field(page, "Date de délivrance").FillAsync("2021-03-02");

        await TakePhotoWithCameraAsync(page, "Pièce d'identité (recto)");
        await UploadPhotoAsync(page, "Pièce d'identité (verso)", SKColors.DarkOrange);
        await UploadPhotoAsync(page, "Ticket de caisse", SKColors.SeaGreen);

        var save = page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" });
        await browser.AssertOnScreenAsync(save, "Le bouton « Enregistrer la vente »");
        await save.ClickAsync();
        var ean = page.Locator("[data-line='1']").GetByText(EanMessage);
        await Assertions.Expect(ean).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("La vente n'est pas enregistrée")).ToBeVisibleAsync();
        await ean.ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync($"vente-ean-refuse-{viewport.Name}");

        await Field(page.Locator("[data-line='1']"), "Code EAN-13").FillAsync(RightEan);
        await save.ClickAsync();
        var saved = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex(@"Vente n° \d+ enregistrée") }).First;
        await Assertions.Expect(saved).ToBeVisibleAsync();
        var number = Regex.Match(await saved.InnerTextAsync(), @"Vente n° (\d+)").Groups[1].Value;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync())
        {
            // The audit row says from where the sale was entered, though the circuit itself has no request.
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.SaleCreated && a.TargetId == number);
            Assert.Equal("127.0.0.1", audit.ClientAddress);
        }
        // The emptied form waits for the next customer without any field flagged in red.
        await Assertions.Expect(Field(page, "Nom")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync($"vente-enregistree-{viewport.Name}");
        Assert.False(await browser.ScrollsHorizontallyAsync(), $"La saisie défile horizontalement : {await browser.WideElementsAsync()}");

        await page.OpenAsync("/historique");
        await page.GetByLabel("Rechercher").FillAsync(buyer);
        var row = page.Locator(".mud-table-body tr").Filter(new() { HasText = buyer });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(number);
        await Assertions.Expect(page.GetByTestId("history-count")).ToContainTextAsync("1 résultat");
        await browser.AssertNoErrorsAsync();
    }

    /// <summary>A form field by its visible label (a required one ends with a star).</summary>
    public static ILocator Field(ILocator scope, string label) =>
        scope.GetByLabel(new Regex("^" + Regex.Escape(label) + @"\s*\*?$"));

    public static ILocator Field(IPage page, string label) => Field(page.Locator("body"), label);

    private static async Task FillLineAsync(IPage page, int number, string articleType, string category, string quantity, string ean)
    {
        var line = page.Locator($"[data-line='{number.ToString(CultureInfo.InvariantCulture)}']");
        await Assertions.Expect(line).ToBeVisibleAsync();
        await line.Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(articleType, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await line.GetByText(category, new() { Exact = true }).ClickAsync();
        await Field(line, "Quantité").FillAsync(quantity);
        await Field(line, "Code EAN-13").FillAsync(ean);
    }

    private static ILocator PhotoField(IPage page, string label) => page.Locator($"[data-photo=\"{label}\"]");

    /// <summary>Chromium's fake camera (a moving test pattern) stands in for the tablet's.</summary>
    private static async Task TakePhotoWithCameraAsync(IPage page, string label)
    {
        var field = PhotoField(page, label);
        await field.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la caméra" }).ClickAsync();
        await page.WaitForFunctionAsync("v => v.videoWidth > 0", await field.Locator("video").ElementHandleAsync());
        await field.GetByRole(AriaRole.Button, new() { Name = "Prendre la photo" }).ClickAsync();
        await Assertions.Expect(field.GetByRole(AriaRole.Img, new() { Name = label })).ToBeVisibleAsync();
    }

    private static async Task UploadPhotoAsync(IPage page, string label, SKColor color)
    {
        var field = PhotoField(page, label);
        await field.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "photo.jpg",
            MimeType = "image/jpeg",
            Buffer = BrowserAccounts.Jpeg(1600, 1200, color),
        });
        await Assertions.Expect(field.GetByRole(AriaRole.Img, new() { Name = label })).ToBeVisibleAsync();
    }
}
