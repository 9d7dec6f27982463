using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>Open tabs of a session that ended (logout elsewhere, signed out by an admin) go to the login page within seconds.</summary>
[Collection(BrowserCollection.Name)]
public class SessionBrowserTests(BrowserAppFixture app)
{
    /// <summary>An open page checks its session every 5 s; the bound holds on two busy cores.</summary>
    private static readonly PageAssertionsToHaveURLOptions WithinSeconds = new() { Timeout = 30_000 };

    private static readonly Regex LoginPage = new(@"/\?returnUrl=");

    [Fact]
    public async Task Logging_out_in_one_tab_sends_the_other_open_tabs_of_that_session_to_the_login_page()
    {
        const string userName = "tablette-partagee";
        await BrowserAccounts.AddUserAsync(app.Services, userName, UserRole.Employee);
        await using var browser = await app.OpenAsync();
        var first = browser.Page;
        await first.SignInAsync(userName, BrowserAccounts.Password);
        await first.OpenAsync("/historique");
        var second = await browser.Context.NewPageAsync();
        await second.OpenAsync("/ventes/nouvelle");

        await first.GetByRole(AriaRole.Button, new() { Name = "Déconnexion" }).First.ClickAsync();

        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(second).ToHaveURLAsync(LoginPage, WithinSeconds);
        await Assertions.Expect(second.GetByTestId("session-ended")).ToHaveTextAsync("Vous avez été déconnecté.");
        await browser.AssertNoErrorsAsync();
    }

    [Fact]
    public async Task An_admin_signing_a_user_out_everywhere_sends_their_open_page_to_the_login_page_saying_why()
    {
        const string userName = "vendeur-renvoye";
        await BrowserAccounts.AddUserAsync(app.Services, userName, UserRole.Employee);
        await using var employee = await app.OpenAsync();
        await employee.Page.SignInAsync(userName, BrowserAccounts.Password);
        await employee.Page.OpenAsync("/historique");
        await using var admin = await app.OpenAsync(Viewport.Desktop, UserRole.Admin);
        var page = admin.Page;
        await page.OpenAsync("/administration/utilisateurs");

        var row = page.Locator("tr").Filter(new() { HasText = userName });
        await row.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter partout" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fermer ses sessions" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"1 session de « {userName} » fermée.")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Assertions.Expect(employee.Page).ToHaveURLAsync(LoginPage, WithinSeconds);
        await Assertions.Expect(employee.Page.GetByTestId("session-ended"))
            .ToHaveTextAsync("Votre compte a été déconnecté de tous les appareils. Reconnectez-vous.");
        await employee.AssertNoErrorsAsync();
        await admin.AssertNoErrorsAsync();
    }
}
