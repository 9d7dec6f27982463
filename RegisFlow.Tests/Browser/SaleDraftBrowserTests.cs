using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;
using SkiaSharp;
using static RegisFlow.Tests.Browser.SaleBrowserTests;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// The sale being typed survives what happens at a counter: a reload, a trip to the history, a second seller signing in on
/// the same tablet; it goes once the sale is saved.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SaleDraftBrowserTests(BrowserAppFixture app)
{
    private const string Receipt = "Ticket de caisse";

    public static TheoryData<string> CounterViewports() => new(Viewport.TabletPortrait.Name, Viewport.Phone.Name);

    [Theory]
    [MemberData(nameof(CounterViewports))]
    public async Task A_half_typed_sale_with_a_photo_comes_back_after_a_reload_and_after_the_history_and_goes_once_saved(string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        var buyer = "Brouillon-" + viewport.Name;
        await using var browser = await app.OpenAsync(viewport, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        await FillLineAsync(page, 1, "Fusée", "F2", "3", RightEan);
        await Field(page, "Nom").FillAsync(buyer);
        await Field(page, "Lieu de naissance").FillAsync("Besançon");
        await page.GetByText("Passeport", new() { Exact = true }).ClickAsync();
        await UploadPhotoAsync(page, Receipt, SKColors.SeaGreen);
        await UploadPhotoAsync(page, "Pièce d'identité (recto)", SKColors.DarkOrange);
        await DraftKeptAsync(page, photos: 2);

        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await AssertRestoredAsync(page, buyer);
        await browser.ScreenshotAsync($"vente-brouillon-restaure-{viewport.Name}");

        // To the history and back inside the app (same connection: nothing reloaded).
        // The address changes at once, the page only once the server has rendered it: until then the old form is on screen.
        await page.EvaluateAsync("() => Blazor.navigateTo('/historique')");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Historique des ventes", Level = 1 })).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        await page.EvaluateAsync("() => Blazor.navigateTo('/ventes/nouvelle')");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle vente", Level = 1 })).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        await AssertRestoredAsync(page, buyer);

        await Field(page, "Prénoms").FillAsync("Camille");
        await Field(page, "Date de naissance").FillAsync("1985-06-14");
        await Field(page, "Adresse").FillAsync("12 rue des Lilas, 69003 Lyon");
        await page.GetByText("Espèce", new() { Exact = true }).ClickAsync();
        await Field(page, "Numéro").FillAsync("19AB54321");
        await Field(page, "Autorité de délivrance").FillAsync("Préfecture du Doubs");
        await Field(page, "Date de délivrance").FillAsync("2021-03-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" }).ClickAsync();
        var saved = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex(@"Vente n° \d+ enregistrée") }).First;
        await Assertions.Expect(saved).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        await DraftKeptAsync(page, photos: 0);

        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Assertions.Expect(Field(page, "Nom")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-photo] [data-testid=photo-stored]")).ToHaveCountAsync(0);
        await browser.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task Another_user_signing_in_on_the_same_browser_finds_no_draft_and_the_stored_one_cannot_be_read()
    {
        const string buyer = "Brouillon-Personnel";
        await using var browser = await app.OpenAsync(Viewport.TabletPortrait, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await Field(page, "Nom").FillAsync(buyer);
        await Field(page, "Nom").PressAsync("Tab");
        await UploadPhotoAsync(page, Receipt, SKColors.SeaGreen);
        await DraftKeptAsync(page, photos: 1);
        var stored = await page.EvaluateAsync<string>("""
            () => new Promise((resolve, reject) => {
                const open = indexedDB.open("regisflow-brouillons");
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                    const all = open.result.transaction("brouillons").objectStore("brouillons").getAll();
                    all.onsuccess = () => resolve(all.result.filter(v => typeof v === "string").join("\n"));
                };
            })
            """);
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(buyer, stored, StringComparison.Ordinal);

        await browser.Context.ClearCookiesAsync();
        await page.SignInAsync(BrowserAccounts.ManagerUserName, BrowserAccounts.Password);
        await page.OpenAsync("/ventes/nouvelle");
        await Assertions.Expect(Field(page, "Nom")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-photo] [data-testid=photo-stored]")).ToHaveCountAsync(0);

        // The seller comes back: their draft is still there for them.
        await browser.Context.ClearCookiesAsync();
        await page.SignInAsync(BrowserAccounts.EmployeeUserName, BrowserAccounts.Password);
        await page.OpenAsync("/ventes/nouvelle");
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Assertions.Expect(Field(page, "Nom")).ToHaveValueAsync(buyer);
        await browser.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task Effacer_le_formulaire_asks_first_then_empties_the_form_and_its_draft()
    {
        await using var browser = await app.OpenAsync(Viewport.Phone, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await Field(page, "Nom").FillAsync("Brouillon-Efface");
        await Field(page, "Nom").PressAsync("Tab");
        await UploadPhotoAsync(page, Receipt, SKColors.SeaGreen);
        await DraftKeptAsync(page, photos: 1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Effacer le formulaire" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Assertions.Expect(Field(page, "Nom")).ToHaveValueAsync("Brouillon-Efface");
        await page.GetByRole(AriaRole.Button, new() { Name = "Effacer le formulaire" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Effacer", Exact = true }).ClickAsync();
        await Assertions.Expect(Field(page, "Nom")).ToHaveValueAsync("");
        await DraftKeptAsync(page, photos: 0);

        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Assertions.Expect(Field(page, "Nom")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        await browser.AssertNoErrorsAsync();
    }

    /// <summary>Every write of the draft done, the last one with this many photos.</summary>
    internal static Task DraftKeptAsync(IPage page, int photos) =>
        Assertions.Expect(page.Locator($"[data-testid=draft-state][data-pending='0'][data-photos='{photos}']"))
            .ToHaveCountAsync(1, new() { Timeout = BrowserTimeouts.ServerWork });

    private static async Task AssertRestoredAsync(IPage page, string buyer)
    {
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToContainTextAsync("Brouillon restauré");
        await Assertions.Expect(Field(page, "Nom")).ToHaveValueAsync(buyer);
        await Assertions.Expect(Field(page, "Lieu de naissance")).ToHaveValueAsync("Besançon");
        var line = page.Locator("[data-line='1']");
        await Assertions.Expect(Field(line, "Quantité")).ToHaveValueAsync("3");
        await Assertions.Expect(Field(line, BarcodeLabel)).ToHaveValueAsync(RightEan);
        var receipt = page.Locator($"[data-photo=\"{Receipt}\"]");
        await Assertions.Expect(receipt.GetByTestId("photo-stored")).ToHaveTextAsync(new Regex(@"^\d+ × \d+ px, \d+ Ko$"));
        await Assertions.Expect(receipt.GetByRole(AriaRole.Img, new() { Name = Receipt })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-photo] [data-testid=photo-stored]")).ToHaveCountAsync(2);
    }
}
