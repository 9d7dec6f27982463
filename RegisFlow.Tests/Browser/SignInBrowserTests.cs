using Microsoft.Playwright;
using RegisFlow.Domain.Users;

namespace RegisFlow.Tests.Browser;

/// <summary>The first minutes of a new installation: the login page, a typo in the password, the default admin password.</summary>
[Collection(BrowserCollection.Name)]
public class SignInBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task Login_refuses_a_wrong_password_and_the_default_admin_password_must_be_changed_first()
    {
        await BrowserAccounts.ResetAdminAsync(app.Services);
        await using var browser = await app.OpenAsync();
        var page = browser.Page;

        foreach (var viewport in Viewport.All)
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
            Assert.False(await browser.ScrollsHorizontallyAsync(), $"La page de connexion défile horizontalement à l'écran {viewport}.");
            await browser.AssertOnScreenAsync(page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }), "Le bouton « Se connecter »");
            await browser.ScreenshotAsync($"connexion-{viewport.Name}");
        }
        await page.SetViewportSizeAsync(Viewport.Desktop.Width, Viewport.Desktop.Height);

        await page.SignInAsync(BrowserAccounts.AdminUserName, "admin1234");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(LoginService.BadCredentials);
        await Assertions.Expect(page.Locator("#circuit-ready")).ToHaveCountAsync(0);

        await page.SignInAsync(BrowserAccounts.AdminUserName, BrowserAccounts.DefaultAdminPassword);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/compte/mot-de-passe$"));
        await Assertions.Expect(page.GetByText("Vous devez choisir un nouveau mot de passe avant de continuer.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("mot-de-passe-a-changer");

        // The register stays closed until the password is changed.
        await page.GotoAsync("/ventes/nouvelle");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/compte/mot-de-passe"));

        await page.ChangePasswordAsync(BrowserAccounts.DefaultAdminPassword, BrowserAccounts.DefaultAdminPassword);
        await Assertions.Expect(page.GetByText("Le nouveau mot de passe doit contenir au moins 12 caractères.")).ToBeVisibleAsync();

        const string newPassword = "nouveau-mot-de-passe-admin";
        await page.ChangePasswordAsync(BrowserAccounts.DefaultAdminPassword, newPassword);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ventes/nouvelle$"));
        await Assertions.Expect(page.GetByText("Administrateur RegisFlow · Administrateur")).ToBeVisibleAsync();
        app.AdminPasswordChanged(newPassword, await browser.Context.StorageStateAsync());
        await browser.AssertNoErrorsAsync();
    }
}
