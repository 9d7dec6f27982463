using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// The README's start, as a shop runs it: scripts/run-app.sh in Production on a new data folder, used in Chromium, then
/// stopped with SIGTERM. The in-process host of the other browser tests cannot show that the published app serves its
/// stylesheets and scripts.
/// </summary>
public class RunAppScriptTests
{
    [Fact]
    public async Task The_README_start_serves_every_asset_signs_in_reacts_and_stops_with_its_private_database()
    {
        await using var app = await RunAppProcess.StartAsync();
        Assert.Contains("Hosting environment: Production", app.Output, StringComparison.Ordinal);
        Assert.Contains($"RegisFlow est prêt : {app.BaseUrl}", app.Output, StringComparison.Ordinal);
        // The photo key is made once in the keys folder, readable by the app's account only.
        var photoKey = Path.Combine(app.DataDirectory, "keys", "photo-encryption.key");
        Assert.Contains("Clé de chiffrement des photos créée", app.Output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(photoKey));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(photoKey)!));
        Assert.Equal(32, Convert.FromBase64String(await File.ReadAllTextAsync(photoKey)).Length);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "fr-FR" });
        context.SetDefaultTimeout(BrowserTimeouts.Reaction);
        await using var browser = new BrowserPage(context, await context.NewPageAsync());
        var page = browser.Page;

        await page.GotoAsync("/");
        await AssertEveryAssetAnswersAsync(page);

        await page.SignInAsync("admin", "admin123");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compte/mot-de-passe$"));
        await page.ChangePasswordAsync("admin123", "mot-de-passe-du-magasin");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/ventes/nouvelle$"));
        await page.WaitForCircuitAsync();
        await AssertEveryAssetAnswersAsync(page);

        // The page reacts: the admin picks the store of the sale in the app bar, a list opens, and saving an empty form
        // flags the fields in error.
        await Assertions.Expect(page.GetByText("choisissez dans la barre du haut le magasin de cette vente")).ToBeVisibleAsync();
        await page.Locator(".store-selector").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Magasin Principal", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("^Magasin : "))).ToContainTextAsync("Magasin Principal");
        await page.Locator("[data-line='1'] .mud-select").First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" }).ClickAsync();
        // The save goes through the domain service (the store is read again): server work, not a mere reaction.
        await Assertions.Expect(page.GetByText("La vente n'est pas enregistrée")).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        Assert.True(await page.Locator(".mud-input-error").CountAsync() > 0, "Aucun champ signalé en erreur.");
        await browser.AssertNoErrorsAsync();
        await context.CloseAsync();

        await app.StopCleanlyAsync();
        Assert.Contains("Serveur PostgreSQL privé arrêté", app.Output, StringComparison.Ordinal);
        // A normal first start and stop log nothing at Error level (JSON lines: the output is not a terminal).
        var errors = app.Output.Split('\n').Where(line => line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "Erreurs journalisées :\n" + string.Join("\n", errors));
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "postgres", "postmaster.pid")), "PostgreSQL tourne encore.");
    }

    [Theory]
    [MemberData(nameof(SaleDraftBrowserTests.CounterViewports), MemberType = typeof(SaleDraftBrowserTests))]
    public async Task A_half_typed_sale_with_its_photo_comes_back_after_the_app_is_stopped_and_started_again(string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        var buyer = "Redémarrage-" + viewport.Name;
        await using var first = await RunAppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var context = await chromium.NewContextAsync(new()
        {
            BaseURL = first.BaseUrl, Locale = "fr-FR", ViewportSize = new() { Width = viewport.Width, Height = viewport.Height },
        });
        context.SetDefaultTimeout(BrowserTimeouts.Reaction);
        await using var browser = new BrowserPage(context, await context.NewPageAsync());
        var page = browser.Page;
        await page.GotoAsync("/");
        await page.SignInAsync("admin", "admin123");
        await page.ChangePasswordAsync("admin123", "mot-de-passe-du-magasin");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/ventes/nouvelle$"));
        await page.WaitForCircuitAsync();
        await page.Locator(".store-selector").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Magasin Principal", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("^Magasin : "))).ToContainTextAsync("Magasin Principal");

        await SaleBrowserTests.Field(page, "Nom").FillAsync(buyer);
        await SaleBrowserTests.Field(page, "Lieu de naissance").FillAsync("Besançon");
        await SaleBrowserTests.Field(page, "Lieu de naissance").PressAsync("Tab");
        await SaleBrowserTests.UploadPhotoAsync(page, "Ticket de caisse", SkiaSharp.SKColors.SeaGreen);
        await SaleDraftBrowserTests.DraftKeptAsync(page, photos: 1);

        // The app is stopped with Ctrl+C in its terminal, the tablet still on the page, then started again (an update, a
        // reboot): same data folder, same address.
        await first.StopCleanlyAsync("INT");
        Assert.Contains("Serveur PostgreSQL privé arrêté", first.Output, StringComparison.Ordinal);
        await using var second = await RunAppProcess.StartAsync(first.DataDirectory, first.Port);
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        // While the app was down the old page's connection failed (console errors expected then); none after the reload.
        var errorsBeforeReload = browser.Errors.Count;

        await Assertions.Expect(page.GetByTestId("draft-restored")).ToContainTextAsync("Brouillon restauré", new() { Timeout = BrowserTimeouts.ServerWork });
        await Assertions.Expect(SaleBrowserTests.Field(page, "Nom")).ToHaveValueAsync(buyer);
        await Assertions.Expect(SaleBrowserTests.Field(page, "Lieu de naissance")).ToHaveValueAsync("Besançon");
        var receipt = page.Locator("[data-photo=\"Ticket de caisse\"]");
        await Assertions.Expect(receipt.GetByTestId("photo-stored")).ToHaveTextAsync(new Regex(@"^\d+ × \d+ px, \d+ Ko$"));
        await Assertions.Expect(receipt.GetByRole(AriaRole.Img, new() { Name = "Ticket de caisse" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Empty(browser.Errors.Skip(errorsBeforeReload));
        await context.CloseAsync();
        await second.StopCleanlyAsync();
    }

    /// <summary>Every stylesheet and script the page links to is served (in Production, package assets come from the publish output).</summary>
    private static async Task AssertEveryAssetAnswersAsync(IPage page)
    {
        var urls = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('link[rel=stylesheet][href], script[src]')].map(e => e.href || e.src)");
        Assert.Contains(urls, u => u.Contains("MudBlazor", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains("blazor.web", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            var response = await page.APIRequest.GetAsync(url);
            Assert.True(response.Status == 200, $"{url} : HTTP {response.Status}");
        }
    }
}
