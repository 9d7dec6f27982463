using Microsoft.Playwright;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>A product's barcode read by the tablet's camera (Chromium's fake camera showing a drawn EAN-13) or typed by a hand-held scanner.</summary>
[Collection(BrowserCollection.Name)]
public class BarcodeScanBrowserTests(BrowserAppFixture app)
{
    public const string ScannedEan = "3760123456784";

    [Fact]
    public void The_drawn_barcode_has_the_ean13_layout()
    {
        var modules = FakeBarcodeCamera.Modules(ScannedEan);
        Assert.Equal(95, modules.Length);
        Assert.StartsWith("101", modules);
        Assert.Equal("01010", modules.Substring(45, 5));
        Assert.EndsWith("101", modules);
    }

    [Fact]
    public async Task The_scanner_button_reads_the_barcode_shown_to_the_camera_into_the_line()
    {
        await CatalogueBrowserTests.SeedCatalogueAsync(app.Services, ScannedEan, ArticleType.Fountain, FireworkCategory.F2, "Fontaine Cascade");
        var video = FakeBarcodeCamera.WriteY4m(ScannedEan, Path.Combine(BrowserAppFixture.ScreenshotDirectory, "camera"));
        string state;
        await using (var signedIn = await app.OpenAsync(Viewport.TabletLandscape, UserRole.Employee))
        {
            state = await signedIn.Context.StorageStateAsync();
        }
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright, $"--use-file-for-fake-video-capture={video}");
        await using var browser = await Chromium.OpenAsync(chromium, app.BaseUrl, Viewport.TabletLandscape.Width, Viewport.TabletLandscape.Height, state);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");

        var line = page.Locator("[data-line='1']");
        await line.GetByRole(AriaRole.Button, new() { Name = "Scanner le code-barres du produit 1" }).ClickAsync();
        await Assertions.Expect(SaleBrowserTests.Field(line, SaleBrowserTests.BarcodeLabel))
            .ToHaveValueAsync(ScannedEan, new() { Timeout = BrowserTimeouts.ServerWork });
        await Assertions.Expect(line.GetByTestId("catalogue-label")).ToContainTextAsync("Fontaine Cascade");
        // The camera is closed once the code is read.
        await Assertions.Expect(line.GetByTestId("barcode-scanner")).ToBeHiddenAsync();
        await browser.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task A_hand_held_scanner_typing_the_digits_then_enter_fills_the_code_without_saving()
    {
        await CatalogueBrowserTests.SeedCatalogueAsync(app.Services, ScannedEan, ArticleType.Fountain, FireworkCategory.F2, "Fontaine Cascade");
        await using var browser = await app.OpenAsync(Viewport.TabletLandscape, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        var field = SaleBrowserTests.Field(page.Locator("[data-line='1']"), SaleBrowserTests.BarcodeLabel);
        await field.ClickAsync();
        await field.PressSequentiallyAsync(ScannedEan);
        await field.PressAsync("Enter");
        await Assertions.Expect(field).ToHaveValueAsync(ScannedEan);
        // The catalogue filled the line (type and category are checked in the saved sales of CatalogueBrowserTests).
        await Assertions.Expect(page.Locator("[data-line='1']").GetByTestId("catalogue-label")).ToContainTextAsync("Fontaine Cascade");
        // Enter neither saved nor tried to save the sale: no field is flagged and nothing was refused.
        await Assertions.Expect(page.GetByText("La vente n'est pas enregistrée")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await browser.AssertNoErrorsAsync();
    }
}
