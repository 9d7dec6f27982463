using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>The database stops for 30 s while a seller has a filled sale form open: nothing is lost, nobody is signed out.</summary>
[Collection(BrowserCollection.Name)]
public class DatabaseOutageBrowserTests(BrowserAppFixture app)
{
    /// <summary>Long enough for several sign-in checks of the open page (one every 5 s) to fail in a row.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    /// <summary>A bound for what waits on the server, which holds on two busy cores.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_filled_sale_form_survives_a_30_second_database_outage_and_is_saved_once_the_database_is_back()
    {
        const string buyer = "Coupure-de-courant";
        await using var browser = await app.OpenAsync(Viewport.TabletLandscape, UserRole.Employee);
        var page = browser.Page;
        await page.OpenAsync("/ventes/nouvelle");
        await SaleBrowserTests.FillValidSaleAsync(page, buyer);
        var left = new List<string>();
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                left.Add(frame.Url);
            }
        };
        var banner = page.GetByTestId("database-outage");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" });

        var outage = Stopwatch.StartNew();
        await app.Database.StopAsync();
        try
        {
            await Assertions.Expect(banner).ToBeVisibleAsync(Slow);
            await Assertions.Expect(banner).ToContainTextAsync("Base de données injoignable, vos saisies sont conservées");
            await save.ClickAsync();
            await Assertions.Expect(page.GetByText(new Regex("La vente n'a pas pu être enregistrée .* réessayez dans un instant"))).ToBeVisibleAsync(Slow);
            await browser.ScreenshotAsync("vente-base-injoignable");
            // The outage itself lasts its 30 s (the scenario), while the page keeps checking its session.
            if (Outage - outage.Elapsed is { TotalMilliseconds: > 0 } rest)
            {
                await Task.Delay(rest);
            }
            await Assertions.Expect(banner).ToBeVisibleAsync();
        }
        finally
        {
            await app.Database.RestartAsync();
        }

        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 30_000 });
        Assert.Empty(left);
        await Assertions.Expect(SaleBrowserTests.Field(page, "Nom")).ToHaveValueAsync(buyer);
        await save.ClickAsync();
        var saved = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex(@"Vente n° \d+ enregistrée") }).First;
        await Assertions.Expect(saved).ToBeVisibleAsync(Slow);
        var number = Regex.Match(await saved.InnerTextAsync(), @"Vente n° (\d+)").Groups[1].Value;

        await page.OpenAsync("/historique");
        await page.GetByLabel("Rechercher").FillAsync(buyer);
        var row = page.Locator(".mud-table-body tr").Filter(new() { HasText = buyer });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(number);
        await browser.AssertNoErrorsAsync();
    }
}
