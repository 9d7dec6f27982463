using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;
using UglyToad.PdfPig;

namespace RegisFlow.Tests.Browser;

/// <summary>A manager refuses a suspicious sale from the sale page, finds the attempt in the list and downloads its report.</summary>
[Collection(BrowserCollection.Name)]
public class SuspiciousAttemptBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task A_refused_sale_recorded_from_the_sale_page_is_listed_and_its_pdf_holds_the_ticked_reasons()
    {
        const string buyer = "Suspectnom";
        await using var browser = await app.OpenAsync(Viewport.Desktop, UserRole.Manager);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await Assertions.Expect(page.GetByText(new Regex("^Magasin : "))).ToContainTextAsync(BrowserAccounts.MainStore);
        await SaleBrowserTests.FillLineAsync(page, 1, "Fusée", "F2", "40", SaleBrowserTests.RightEan);
        await SaleBrowserTests.Field(page, "Nom").FillAsync(buyer);
        await SaleBrowserTests.Field(page, "Prénoms").FillAsync("Jean");

        await page.GetByRole(AriaRole.Button, new() { Name = "Refuser la vente" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("Quantités inhabituelles", new() { Exact = true }).ClickAsync();
        await dialog.GetByText("Usage non déclaré", new() { Exact = true }).ClickAsync();
        await dialog.GetByLabel("Description des circonstances").FillAsync("Refuse de dire l'usage prévu.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Refuser et enregistrer la tentative" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tentative suspecte n°")).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await page.OpenAsync("/tentatives-suspectes");
        var row = page.GetByTestId("attempts-grid").Locator(".mud-table-body tr").Filter(new() { HasText = buyer });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = BrowserTimeouts.ServerWork });
        await Assertions.Expect(row).ToContainTextAsync("Usage non déclaré ; Quantités inhabituelles");
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "PDF" }).ClickAsync(),
            new() { Timeout = BrowserTimeouts.ServerWork });
        var path = await download.PathAsync();

        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(path));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Usage non déclaré", text, StringComparison.Ordinal);
        Assert.Contains("Quantités inhabituelles", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Identité non justifiée", text, StringComparison.Ordinal);
        Assert.Contains(buyer, text, StringComparison.Ordinal);
        Assert.Contains("4006381333931", text, StringComparison.Ordinal);
        Assert.Contains(BrowserAccounts.MainStore, text, StringComparison.Ordinal);
    }
}
