using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>A manager looks a sale up, opens it with its photos, and downloads the register in the three formats.</summary>
[Collection(BrowserCollection.Name)]
public class HistoryBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task Filters_and_search_find_a_sale_whose_details_show_its_photos()
    {
        await using var browser = await app.OpenAsync(Viewport.Desktop, UserRole.Manager);
        var page = browser.Page;
        await page.OpenAsync("/historique");
        var count = page.GetByTestId("history-count");
        var rows = page.Locator(".mud-table-body tr");

        await page.GetByLabel("Rechercher").FillAsync(BrowserAccounts.SeededBuyerLastName.ToLowerInvariant());
        await Assertions.Expect(count).ToContainTextAsync("1 résultat");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(BrowserAccounts.SeededBuyerLastName);

        await ChooseAsync(page, "Catégorie", "F3");
        await Assertions.Expect(count).ToContainTextAsync("0 résultat");
        await Assertions.Expect(page.GetByText("Aucune vente ne correspond à ces critères.")).ToBeVisibleAsync();
        await ChooseAsync(page, "Catégorie", "F2");
        await ChooseAsync(page, "Moyen de paiement", "Espèce");
        // The count was already « 1 résultat » before this filter: wait for its own load, or the click lands on a row being replaced.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", new Regex("payment=Cash"));
        await Assertions.Expect(page.GetByTestId("history-rows")).ToHaveAttributeAsync("aria-busy", "false", new() { Timeout = BrowserTimeouts.ServerWork });
        await Assertions.Expect(count).ToContainTextAsync("1 résultat");
        await browser.ScreenshotAsync("historique-recherche");

        await rows.First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByText("Acheteur", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("[data-field='id.type']")).ToContainTextAsync("Passeport");
        await Assertions.Expect(dialog.Locator("[data-field='id.number']")).ToContainTextAsync("19AB12345");
        foreach (var photo in new[] { "Pièce d'identité (recto)", "Ticket de caisse" })
        {
            var image = dialog.GetByRole(AriaRole.Img, new() { Name = photo });
            await Assertions.Expect(image).ToBeVisibleAsync();
            await image.EvaluateAsync("""
                img => img.complete && img.naturalWidth > 0 ? true
                    : new Promise((ok, fail) => { img.onload = () => ok(true); img.onerror = () => fail(new Error('photo non chargée')); })
                """);
        }
        await browser.ScreenshotAsync("historique-details");
        await browser.AssertNoErrorsAsync();
    }

    [Theory]
    [InlineData("PDF", "%PDF")]
    [InlineData("CSV", "\uFEFF")]
    [InlineData("Excel", "PK")]
    public async Task Exports_download_a_file_of_the_right_type(string button, string start)
    {
        await using var browser = await app.OpenAsync(Viewport.Desktop, UserRole.Manager);
        var page = browser.Page;
        await page.OpenAsync("/historique");
        await Assertions.Expect(page.GetByTestId("history-count")).ToContainTextAsync("sur");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = button, Exact = true }).ClickAsync(),
            new() { Timeout = BrowserTimeouts.ServerWork });
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        var expected = System.Text.Encoding.UTF8.GetBytes(start);
        Assert.True(bytes.Length > 100, $"{download.SuggestedFilename} : {bytes.Length} octets.");
        Assert.Equal(expected, bytes[..expected.Length]);
        Assert.EndsWith(button switch { "PDF" => ".pdf", "CSV" => ".csv", _ => ".xlsx" }, download.SuggestedFilename, StringComparison.Ordinal);
        if (button == "CSV")
        {
            Assert.Contains(BrowserAccounts.SeededBuyerLastName, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
        await browser.AssertNoErrorsAsync();
    }

    private static async Task ChooseAsync(IPage page, string select, string option)
    {
        await page.Locator(".mud-select").Filter(new() { HasText = select }).First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }
}
