using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// The history and the dashboard at a phone's, a tablet's and a computer's size: what each sale sold, its photos downloaded,
/// the sales chart with data, and the French of the screens.
/// </summary>
[Collection(BrowserCollection.Name)]
public class HistoryScreensBrowserTests(BrowserAppFixture app)
{
    public static TheoryData<string> Sizes => new(Viewport.Phone.Name, Viewport.TabletPortrait.Name, Viewport.Desktop.Name);

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Each_sale_shows_what_was_sold_as_a_card_on_a_phone_and_its_photos_download(string size)
    {
        var viewport = Viewport.Named(size);
        await using var browser = await app.OpenAsync(viewport, UserRole.Manager);
        var page = browser.Page;
        await page.OpenAsync("/historique");
        await Assertions.Expect(page).ToHaveTitleAsync("Historique — RegisFlow");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.querySelectorAll('title').length"));
        var shortTitle = viewport == Viewport.Desktop ? "RegisFlow — Registre des ventes d'artifices" : "RegisFlow";
        Assert.Equal(shortTitle, (await page.GetByTestId("app-title").InnerTextAsync()).Trim());

        await page.GetByLabel("Rechercher").FillAsync(BrowserAccounts.SeededBuyerLastName.ToLowerInvariant());
        await Assertions.Expect(page.GetByTestId("history-count")).ToHaveTextAsync(new Regex("^1 résultat sur \\d+ ventes?$"));
        var row = page.Locator(".mud-table-body tr.mud-table-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var articles = row.GetByTestId("row-articles");
        await Assertions.Expect(articles).ToContainTextAsync("2 × Fontaine");
        await Assertions.Expect(articles.Locator(".category-badge")).ToHaveTextAsync("F2");
        // On a phone the header row is gone and each cell carries its label: a card, read without scrolling sideways.
        await Assertions.Expect(page.Locator(".history-rows thead")).ToBeVisibleAsync(new() { Visible = viewport != Viewport.Phone });
        Assert.False(await browser.ScrollsHorizontallyAsync(), await browser.WideElementsAsync());
        await browser.ScreenshotAsync($"historique-articles-{viewport.Name}");

        await row.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("sale-entry")).ToContainTextAsync(new Regex("^Saisie par Emma Vendeuse le \\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d$"));
        await dialog.Locator("[data-field='line.reference']").First.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(dialog.Locator("[data-field='line.reference']").First).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("[data-field='line.reference']").First).ToContainTextAsync("4006381333931");
        await browser.AssertOnScreenAsync(dialog.Locator("[data-field='line.reference']").First, "la référence de l'article");

        var download = await page.RunAndWaitForDownloadAsync(
            () => dialog.GetByRole(AriaRole.Link, new() { Name = "Télécharger : Pièce d'identité (recto)" }).ClickAsync(),
            new() { Timeout = BrowserTimeouts.ServerWork });
        Assert.Matches("^vente-\\d+-piece-d-identite-recto\\.jpg$", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, bytes[..3]);
        Assert.Equal("_blank", await dialog.GetByRole(AriaRole.Link, new() { Name = "Ouvrir en taille réelle : Ticket de caisse" }).GetAttributeAsync("target"));
        await browser.ScreenshotAsync($"historique-details-{viewport.Name}");
        await browser.AssertNoErrorsAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_dashboard_chart_shows_visible_bars_for_each_period_and_counts_agree_in_French(string size)
    {
        var viewport = Viewport.Named(size);
        await using var browser = await app.OpenAsync(viewport, UserRole.Admin);
        var page = browser.Page;
        await page.OpenAsync("/administration");
        await Assertions.Expect(page).ToHaveTitleAsync("Administration — RegisFlow");

        var title = page.GetByTestId("chart-title");
        await Assertions.Expect(title).ToContainTextAsync("Ventes par jour (30 derniers jours)");
        await page.GetByTestId("chart-period").GetByText("7 jours").ClickAsync();
        await Assertions.Expect(title).ToContainTextAsync(new Regex("^Ventes par jour \\(7 derniers jours\\) : [1-9][\\d ]* ventes?$"));
        var bars = page.GetByTestId("sales-chart").Locator("svg .mud-chart-bar");
        await Assertions.Expect(bars).ToHaveCountAsync(7);
        // Bars only (the chart's own container has the same class). The axis follows the data: the busiest day's bar fills most of the chart instead of a sliver.
        var tallest = await bars.EvaluateAllAsync<double>("bars => Math.max(...bars.map(b => b.getBoundingClientRect().height))");
        Assert.True(tallest >= 100, $"barre la plus haute : {tallest} px");
        await page.GetByTestId("chart-period").GetByText("365 jours").ClickAsync();
        await Assertions.Expect(title).ToContainTextAsync("Ventes par mois (365 derniers jours)");
        await Assertions.Expect(bars).ToHaveCountAsync(MonthsInTheLast365Days());
        await Assertions.Expect(page.GetByTestId("category-totals").Locator("[data-category='F2']")).ToContainTextAsync(new Regex("\\d+ ventes?\\s+\\d+ articles?"));

        var kept = await page.GetByTestId("backup-summary").InnerTextAsync();
        var count = int.Parse(Regex.Match(kept, "^(\\d+)").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith(count < 2 ? $"{count} sauvegarde conservée" : $"{count} sauvegardes conservées", kept, StringComparison.Ordinal);
        Assert.False(await browser.ScrollsHorizontallyAsync(), await browser.WideElementsAsync());
        await browser.ScreenshotAsync($"administration-graphique-{viewport.Name}");
        await browser.AssertNoErrorsAsync();
    }

    /// <summary>
    /// 13 bars most days (a part month at each end), 12 when the 365 days start on a 1st (e.g. on 31 January): counted on
    /// the clock the app reads, in Paris.
    /// </summary>
    private static int MonthsInTheLast365Days()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime);
        return Enumerable.Range(0, 365).Select(days => today.AddDays(-days)).Select(day => (day.Year, day.Month)).Distinct().Count();
    }

    [Fact]
    public async Task A_store_with_sales_is_refused_before_any_confirmation_and_the_message_leaves_the_buttons_free()
    {
        await using var browser = await app.OpenAsync(Viewport.Phone, UserRole.Admin);
        var page = browser.Page;
        await page.OpenAsync("/administration/magasins");
        await Assertions.Expect(page).ToHaveTitleAsync("Magasins — RegisFlow");

        var mainStore = page.Locator("tr").Filter(new() { HasText = BrowserAccounts.MainStore });
        await mainStore.GetByRole(AriaRole.Button, new() { Name = "Supprimer" }).ClickAsync();

        var message = page.Locator(".mud-snackbar").Filter(new() { HasText = "ne peut pas être supprimé" });
        await Assertions.Expect(message).ToContainTextAsync(new Regex("\\d+ ventes? y (est|sont) enregistrées?"));
        await Assertions.Expect(page.GetByText("Supprimer définitivement")).ToHaveCountAsync(0);
        // Messages open at the top, under the app bar: the page's main button (« Nouveau magasin ») stays clickable.
        var box = await message.BoundingBoxAsync();
        Assert.True(box is not null && box.Y < Viewport.Phone.Height / 3, $"message à y={box?.Y}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nouveau magasin" }).ClickAsync(new() { Trial = true });
        await browser.AssertNoErrorsAsync();
    }
}
