using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;
using static RegisFlow.Tests.Browser.SaleBrowserTests;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// The sale form at a busy counter: errors shown where the eyes are (a refused save focuses the first wrong field, the
/// summary links to each one, a field is checked as soon as it is left, in French), fingertip-sized steppers, the numeric
/// keypad, Enter to the next field, and sale and history one tap apart on phones and tablets.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SaleFormHelpBrowserTests(BrowserAppFixture app)
{
    public static TheoryData<string> CounterViewports() => new(Viewport.TabletPortrait.Name, Viewport.Phone.Name);

    [Theory]
    [MemberData(nameof(CounterViewports))]
    public async Task A_refused_save_focuses_the_first_wrong_field_on_screen_and_each_error_of_the_summary_leads_to_its_field(string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        await using var browser = await app.OpenAsync(viewport, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await FillValidSaleAsync(page, "Erreurs-" + viewport.Name);
        var line = page.Locator("[data-line='1']");
        await Field(line, BarcodeLabel).FillAsync(WrongEan);
        await Field(page, "Lieu de naissance").FillAsync("");

        // The save button is at the bottom of the page, the wrong code far above it.
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" });
        await save.ClickAsync();
        var summary = page.GetByTestId("sale-errors");
        await Assertions.Expect(summary).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        await Assertions.Expect(summary).ToContainTextAsync("corrigez ces 2 champs");
        var code = Field(line, BarcodeLabel);
        await Assertions.Expect(code).ToBeFocusedAsync();
        await Assertions.Expect(code).ToBeInViewportAsync();


        await Assertions.Expect(line.GetByText(EanMessage)).ToBeInViewportAsync();
        await browser.ScreenshotAsync($"vente-premiere-erreur-{viewport.Name}");

        // The summary reads top to bottom, each field by its French name, each a link to the field.
        var links = summary.GetByRole(AriaRole.Link);
        await Assertions.Expect(links).ToHaveTextAsync(["Produit 1 : code-barres ou référence", "Lieu de naissance"]);
        await summary.ScrollIntoViewIfNeededAsync();
        await links.Nth(1).ClickAsync();
        var birthPlace = Field(page, "Lieu de naissance");
        await Assertions.Expect(birthPlace).ToBeFocusedAsync();
        await Assertions.Expect(birthPlace).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByText("Le lieu de naissance est obligatoire.").First).ToBeVisibleAsync();

        await birthPlace.FillAsync("Besançon");
        await code.FillAsync(RightEan);
        await save.ClickAsync();
        await page.WaitForSavedSaleAsync();
        await browser.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task A_field_is_checked_as_soon_as_it_is_left_in_French_and_not_before()
    {
        await using var browser = await app.OpenAsync(Viewport.TabletPortrait, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        var line = page.Locator("[data-line='1']");

        // Nothing is flagged on a fresh form, not even the fields still empty below.
        await Assertions.Expect(page.Locator(".mud-input-error")).ToHaveCountAsync(0);

        var code = Field(line, BarcodeLabel);
        await code.FillAsync("400638133393");
        await Assertions.Expect(line.GetByText("ici 12")).ToHaveCountAsync(0);
        await code.PressAsync("Tab");
        await Assertions.Expect(line.GetByText("Le code-barres doit comporter 13 chiffres (EAN-13) ou 8 chiffres (EAN-8) (ici 12).")).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        // Once left, the field is checked as the clerk corrects it.
        await code.FillAsync(RightEan);
        await Assertions.Expect(line.GetByText("(ici 12)")).ToHaveCountAsync(0);

        var quantity = Field(line, "Quantité");
        await quantity.FillAsync("999");
        await quantity.PressAsync("Tab");
        await Assertions.Expect(line.GetByText("La quantité ne peut pas dépasser 50 par ligne.")).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);

        var name = Field(page, "Nom");
        await name.FocusAsync();
        await name.PressAsync("Tab");
        await Assertions.Expect(page.GetByText("Le nom de l'acheteur est obligatoire.")).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        // Fields not reached yet stay quiet; no MudBlazor English anywhere.
        await Assertions.Expect(page.GetByText("Le lieu de naissance est obligatoire.")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Required")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(new Regex(@"\bRequired\b|Not a valid"));
        await browser.ScreenshotAsync("vente-controle-en-sortie-de-champ");
        await browser.AssertNoErrorsAsync();
    }

    [Theory]
    [MemberData(nameof(CounterViewports))]
    public async Task Steppers_are_fingertip_sized_codes_open_the_numeric_keypad_and_Enter_goes_to_the_next_field(string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        await using var browser = await app.OpenAsync(viewport, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        var line = page.Locator("[data-line='1']");

        var more = line.GetByRole(AriaRole.Button, new() { Name = "Une unité de plus pour le produit 1" });
        var less = line.GetByRole(AriaRole.Button, new() { Name = "Une unité de moins pour le produit 1" });
        foreach (var stepper in new[] { more, less })
        {
            var box = await stepper.BoundingBoxAsync() ?? throw new InvalidOperationException("Bouton sans taille");
            Assert.True(box.Width >= 48 && box.Height >= 48, $"Bouton de {box.Width}×{box.Height} px, moins que 48×48");
        }
        var quantity = Field(line, "Quantité");
        // A new line is for one article; each tap waits for the field to show the last one's count.
        await Assertions.Expect(quantity).ToHaveValueAsync("1");
        await more.ClickAsync();
        await Assertions.Expect(quantity).ToHaveValueAsync("2");
        await more.ClickAsync();
        await Assertions.Expect(quantity).ToHaveValueAsync("3");
        await less.ClickAsync();
        await Assertions.Expect(quantity).ToHaveValueAsync("2");
        await less.ClickAsync();
        await Assertions.Expect(quantity).ToHaveValueAsync("1");
        await Assertions.Expect(less).ToBeDisabledAsync();

        await Assertions.Expect(quantity).ToHaveAttributeAsync("inputmode", "numeric");
        await Assertions.Expect(Field(line, BarcodeLabel)).ToHaveAttributeAsync("inputmode", "numeric");

        await Field(page, "Nom").FillAsync("Clavier");
        await Field(page, "Nom").PressAsync("Enter");
        await Assertions.Expect(Field(page, "Prénoms")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Jeanne");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Field(page, "Date de naissance")).ToBeFocusedAsync();
        await Assertions.Expect(Field(page, "Prénoms")).ToHaveValueAsync("Jeanne");
        await browser.AssertNoErrorsAsync();
    }

    [Theory]
    [MemberData(nameof(CounterViewports))]
    public async Task Sale_and_history_are_one_tap_apart_on_phones_and_upright_tablets(string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        await using var browser = await app.OpenAsync(viewport, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        var bar = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation rapide" });
        await Assertions.Expect(bar).ToBeInViewportAsync();

        await bar.GetByRole(AriaRole.Link, new() { Name = "Historique" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Historique des ventes", Level = 1 })).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        await Assertions.Expect(bar.GetByRole(AriaRole.Link, new() { Name = "Historique" })).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await bar.GetByRole(AriaRole.Link, new() { Name = "Nouvelle vente" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle vente", Level = 1 })).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);

        // The bar never hides the end of the page: the last button scrolls clear of it.
        var refuse = page.GetByRole(AriaRole.Button, new() { Name = "Refuser la vente" });
        await refuse.ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        var barTop = (await bar.BoundingBoxAsync())!.Y;
        var button = (await refuse.BoundingBoxAsync())!;
        Assert.True(button.Y + button.Height <= barTop, $"Le bouton finit à {button.Y + button.Height} px, sous la barre qui commence à {barTop} px");
        await browser.ScreenshotAsync($"navigation-basse-{viewport.Name}");
        await browser.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task On_a_computer_the_menu_stays_beside_the_page_and_there_is_no_bottom_bar()
    {
        await using var browser = await app.OpenAsync(Viewport.Desktop, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation rapide" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".mud-navmenu").GetByText("Historique")).ToBeVisibleAsync();
    }
}
