using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using SkiaSharp;

namespace RegisFlow.Tests.Browser;

/// <summary>A seller records a sale as in the shop: two products (one without barcode), a mistyped EAN-13, the camera and uploaded photos.</summary>
[Collection(BrowserCollection.Name)]
public class SaleBrowserTests(BrowserAppFixture app)
{
    public const string WrongEan = "4006381333932";
    public const string RightEan = "4006381333931";
    public const string EanMessage = "Le code EAN-13 est invalide (clé de contrôle incorrecte) : vérifiez la saisie.";
    public const string BarcodeLabel = "Code-barres (EAN-13 ou EAN-8)";

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
        await Assertions.Expect(page.GetByText(new Regex("^Magasin : "))).ToContainTextAsync(BrowserAccounts.MainStore);

        await FillLineAsync(page, 1, "Fusée", "F2", "3", WrongEan);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un produit" }).ClickAsync();
        await FillLineAsync(page, 2, "Batterie", "F3", "1", "BATT-25-COUPS", withoutBarcode: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter un produit" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-line='3']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer le produit 3" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-line='3']")).ToHaveCountAsync(0);

        await Field(page, "Nom").FillAsync(buyer);
        await Field(page, "Prénoms").FillAsync("Camille Andrée");
        await Field(page, "Date de naissance").FillAsync("1985-06-14");
        await Field(page, "Lieu de naissance").FillAsync("Besançon");
        await Field(page, "Adresse").FillAsync("12 rue des Lilas, 69003 Lyon");
        await page.GetByText("Carte Bancaire", new() { Exact = true }).ClickAsync();
        await page.GetByText("Carte Nationale d'Identité", new() { Exact = true }).ClickAsync();
        await Field(page, "Numéro").FillAsync("X4RTBPFW4");
        await Field(page, "Autorité de délivrance").FillAsync("Préfecture du Rhône");
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

        await Field(page.Locator("[data-line='1']"), BarcodeLabel).FillAsync(RightEan);
        await save.ClickAsync();
        var saved = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex(@"Vente n° \d+ enregistrée") }).First;
        await Assertions.Expect(saved).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
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

    /// <summary>A complete sale of one product for <paramref name="buyer"/>, with uploaded photos, ready to be saved.</summary>
    internal static async Task FillValidSaleAsync(IPage page, string buyer)
    {
        await FillValidSaleWithoutPhotosAsync(page, buyer);
        await UploadPhotoAsync(page, "Pièce d'identité (recto)", SKColors.DarkOrange);
        await UploadPhotoAsync(page, "Ticket de caisse", SKColors.SeaGreen);
    }

    /// <summary>Every field of a one-product sale for <paramref name="buyer"/> (a passport), without its photos.</summary>
    internal static async Task FillValidSaleWithoutPhotosAsync(IPage page, string buyer)
    {
        await FillLineAsync(page, 1, "Fusée", "F2", "2", RightEan);
        await Field(page, "Nom").FillAsync(buyer);
        await Field(page, "Prénoms").FillAsync("Camille Marie");
        await Field(page, "Date de naissance").FillAsync("1985-06-14");
        await Field(page, "Lieu de naissance").FillAsync("Besançon");
        await Field(page, "Adresse").FillAsync("12 rue des Lilas, 69003 Lyon");
        await page.GetByText("Espèce", new() { Exact = true }).ClickAsync();
        await page.GetByText("Passeport", new() { Exact = true }).ClickAsync();
        await Field(page, "Numéro").FillAsync("19AB54321");
        await Field(page, "Autorité de délivrance").FillAsync("Préfecture du Doubs");
        await Field(page, "Date de délivrance").FillAsync("2021-03-02");
    }

    /// <summary>A form field by its visible label (a required one ends with a star).</summary>
    public static ILocator Field(ILocator scope, string label) =>
        scope.GetByLabel(new Regex("^" + Regex.Escape(label) + @"\s*\*?$"));

    public static ILocator Field(IPage page, string label) => Field(page.Locator("body"), label);

    internal static async Task FillLineAsync(IPage page, int number, string articleType, string category, string quantity, string code, bool withoutBarcode = false)
    {
        var line = page.Locator($"[data-line='{number.ToString(CultureInfo.InvariantCulture)}']");
        await Assertions.Expect(line).ToBeVisibleAsync();
        await line.Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(articleType, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await line.GetByText(category, new() { Exact = true }).ClickAsync();
        await Field(line, "Quantité").FillAsync(quantity);
        if (withoutBarcode)
        {
            await line.GetByText("Sans code-barres", new() { Exact = true }).ClickAsync();
            await Field(line, "Référence du magasin").FillAsync(code);
        }
        else
        {
            await Field(line, BarcodeLabel).FillAsync(code);
        }
    }

    private static ILocator PhotoField(IPage page, string label) => page.Locator($"[data-photo=\"{label}\"]");

    /// <summary>Chromium's fake camera (a moving test pattern) stands in for the tablet's.</summary>
    internal static async Task TakePhotoWithCameraAsync(IPage page, string label)
    {
        var field = PhotoField(page, label);
        await field.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la caméra" }).ClickAsync();
        await page.WaitForFunctionAsync("v => v.videoWidth > 0", await field.Locator("video").ElementHandleAsync());
        await field.GetByRole(AriaRole.Button, new() { Name = "Prendre la photo" }).ClickAsync();
        await AssertStoredAsync(field, label);
    }

    internal static async Task UploadPhotoAsync(IPage page, string label, SKColor color)
    {
        var field = PhotoField(page, label);
        await field.Locator("input[data-source=gallery]").SetInputFilesAsync(Photo(color));
        await AssertStoredAsync(field, label);
    }

    private static FilePayload Photo(SKColor color) => new() { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = BrowserAccounts.Jpeg(1600, 1200, color) };

    /// <summary>The preview shows, then the size the server stored it at: the photo is on the server, the sale may be saved.</summary>
    private static async Task AssertStoredAsync(ILocator field, string label)
    {
        await Assertions.Expect(field.GetByRole(AriaRole.Img, new() { Name = label })).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        await Assertions.Expect(field.GetByTestId("photo-stored")).ToHaveTextAsync(new Regex(@"^\d+ × \d+ px, \d+ Ko$"), new() { Timeout = BrowserTimeouts.ServerWork });
    }

    [Fact]
    public async Task Without_the_in_page_camera_a_seller_takes_one_photo_with_the_camera_app_and_chooses_another_from_the_gallery()
    {
        const string buyer = "Garnier-tablette";
        await using var browser = await app.OpenAsync(Viewport.TabletPortrait.Width, Viewport.TabletPortrait.Height, baseUrl: app.TabletHttpUrl);
        var page = browser.Page;
        await page.SignInAsync(BrowserAccounts.EmployeeUserName, BrowserAccounts.Password);
        await page.OpenAsync("/ventes/nouvelle");
        Assert.False(await page.EvaluateAsync<bool>("() => window.isSecureContext"));
        await FillLineAsync(page, 1, "Fusée", "F2", "2", RightEan);
        await Field(page, "Nom").FillAsync(buyer);
        await Field(page, "Prénoms").FillAsync("Camille");
        await Field(page, "Date de naissance").FillAsync("1985-06-14");
        await Field(page, "Lieu de naissance").FillAsync("Besançon");
        await Field(page, "Adresse").FillAsync("12 rue des Lilas, 69003 Lyon");
        await page.GetByText("Espèce", new() { Exact = true }).ClickAsync();
        await page.GetByText("Passeport", new() { Exact = true }).ClickAsync();
        await Field(page, "Numéro").FillAsync("19AB54321");
        await Field(page, "Autorité de délivrance").FillAsync("Préfecture du Rhône");
        await Field(page, "Date de délivrance").FillAsync("2021-03-02");

        var front = PhotoField(page, "Pièce d'identité (recto)");
        await Assertions.Expect(front.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la caméra" })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("vente-photos-sans-camera");
        // « Prendre une photo » opens the tablet's camera app (capture), « Choisir une photo » its gallery (no capture).
        var camera = await page.RunAndWaitForFileChooserAsync(() => front.GetByRole(AriaRole.Button, new() { Name = "Prendre une photo" }).ClickAsync());
        Assert.Equal("environment", await camera.Element.GetAttributeAsync("capture"));
        await camera.SetFilesAsync(Photo(SKColors.DarkOrange));
        await AssertStoredAsync(front, "Pièce d'identité (recto)");
        var receipt = PhotoField(page, "Ticket de caisse");
        var gallery = await page.RunAndWaitForFileChooserAsync(() => receipt.GetByRole(AriaRole.Button, new() { Name = "Choisir une photo" }).ClickAsync());
        Assert.Null(await gallery.Element.GetAttributeAsync("capture"));
        await gallery.SetFilesAsync(Photo(SKColors.SeaGreen));
        // The preview is the browser's own copy of the file, not a picture sent back through the page's connection.
        await Assertions.Expect(receipt.Locator("img")).ToHaveAttributeAsync("src", new Regex("^blob:"), new() { Timeout = BrowserTimeouts.ServerWork });
        await AssertStoredAsync(receipt, "Ticket de caisse");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" }).ClickAsync();
        var saved = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex(@"Vente n° \d+ enregistrée") }).First;
        await Assertions.Expect(saved).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        var number = long.Parse(Regex.Match(await saved.InnerTextAsync(), @"Vente n° (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var history = app.Services.GetRequiredService<SaleHistoryService>();
        var admin = new Caller(1, "admin", "Administrateur", UserRole.Admin, null);
        var photos = (await history.GetAsync(admin, number))!.Photos;
        Assert.Equal([PhotoKind.IdFront, PhotoKind.Receipt], photos.Select(p => p.Kind));
        foreach (var photo in photos)
        {
            Assert.Equal([0xFF, 0xD8, 0xFF], (await history.GetPhotoAsync(admin, photo.Id))!.Data[..3]);
        }
        await browser.AssertNoErrorsAsync();
    }
}
