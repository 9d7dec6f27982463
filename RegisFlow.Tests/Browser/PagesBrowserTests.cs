using Microsoft.Playwright;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// Every page, for every role, at every screen size: it loads without error, never scrolls sideways, and its main
/// actions are on screen. Each page is photographed for the user guide.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PagesBrowserTests(BrowserAppFixture app)
{

    private static readonly string[] AdminPages = ["/administration", "/administration/utilisateurs", "/administration/magasins"];

    public static TheoryData<UserRole, string> RolesAndViewports()
    {
        var data = new TheoryData<UserRole, string>();
        foreach (var role in new[] { UserRole.Admin, UserRole.Manager, UserRole.Employee })
        {
            foreach (var viewport in Viewport.All)
            {
                data.Add(role, viewport.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndViewports))]
    public async Task Every_page_loads_without_error_fits_the_screen_and_shows_its_main_actions(UserRole role, string viewportName)
    {
        var viewport = Viewport.Named(viewportName);
        await using var browser = await app.OpenAsync(viewport, role);
        var page = browser.Page;
        var shot = $"{role.ToString().ToLowerInvariant()}-{viewport.Name}";

        await OpenAsync(browser, "/ventes/nouvelle", viewport);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle vente" })).ToBeVisibleAsync();
        await browser.AssertOnScreenAsync(page.GetByRole(AriaRole.Button, new() { Name = "Menu" }), "Le bouton du menu");
        await browser.AssertOnScreenAsync(page.GetByRole(AriaRole.Button, new() { Name = "Déconnexion" }), "Le bouton « Déconnexion »");
        await browser.ScreenshotAsync($"nouvelle-vente-{shot}");
        await browser.AssertOnScreenAsync(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" }), "Le bouton « Enregistrer la vente »");

        await OpenAsync(browser, "/historique", viewport);
        await Assertions.Expect(page.GetByTestId("history-count")).ToContainTextAsync("sur");
        if (role == UserRole.Employee)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true })).ToHaveCountAsync(0);
        }
        else
        {
            foreach (var format in new[] { "CSV", "Excel", "PDF" })
            {
                await browser.AssertOnScreenAsync(page.GetByRole(AriaRole.Link, new() { Name = format, Exact = true }), $"L'export {format}");
            }
        }
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await browser.ScreenshotAsync($"historique-{shot}");

        foreach (var (path, heading, action) in new[] { ("/journal", "Journal d'audit", "Exporter en CSV"), ("/registre-controle", "Registre pour contrôle", "Télécharger le registre") })
        {
            await OpenAsync(browser, path, viewport);
            if (role == UserRole.Employee)
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accès refusé" })).ToBeVisibleAsync();
                continue;
            }
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await browser.AssertOnScreenAsync(page.GetByRole(AriaRole.Link, new() { Name = action }), $"Le bouton « {action} »");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await browser.ScreenshotAsync($"{path.TrimStart('/')}-{shot}");
        }

        await OpenAsync(browser, "/catalogue", viewport);
        if (role == UserRole.Employee)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accès refusé" })).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Catalogue du magasin" })).ToBeVisibleAsync();
            if (role == UserRole.Manager)
            {
                await browser.AssertOnScreenAsync(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'article" }), "Le bouton « Enregistrer l'article »");
            }
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await browser.ScreenshotAsync($"catalogue-{shot}");
        }

        foreach (var path in AdminPages)
        {
            await OpenAsync(browser, path, viewport);
            if (role != UserRole.Admin)
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accès refusé" })).ToBeVisibleAsync();
                Assert.Contains("/acces-refuse", page.Url, StringComparison.Ordinal);
                continue;
            }
            var (heading, action) = path switch
            {
                "/administration" => ("Administration", "Sauvegarder maintenant"),
                "/administration/utilisateurs" => ("Utilisateurs", "Nouvel utilisateur"),
                _ => ("Magasins", "Nouveau magasin"),
            };
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await browser.AssertOnScreenAsync(page.GetByRole(AriaRole.Button, new() { Name = action }), $"Le bouton « {action} »");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await browser.ScreenshotAsync($"{path.Split('/').Last()}-{shot}");
        }
        await browser.AssertNoErrorsAsync();
    }

    private static async Task OpenAsync(BrowserPage browser, string path, Viewport viewport)
    {
        await browser.Page.OpenAsync(path);
        if (await browser.ScrollsHorizontallyAsync())
        {
            Assert.Fail($"{path} défile horizontalement à l'écran {viewport} : {await browser.WideElementsAsync()}.");
        }
        await browser.AssertNoErrorsAsync();
    }
}
