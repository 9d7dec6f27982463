using Microsoft.Playwright;

namespace RegisFlow.Tests.Browser;

/// <summary>The steps a person takes again and again: signing in, changing a forced password, navigating.</summary>
public static class BrowserFlows
{
    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#login-user-name", userName);
        await page.FillAsync("#login-password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public static async Task ChangePasswordAsync(this IPage page, string currentPassword, string newPassword)
    {
        await page.FillAsync("#current-password", currentPassword);
        await page.FillAsync("#new-password", newPassword);
        await page.FillAsync("#confirm-password", newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Signs in, changing the password first when the account must (the new one is then remembered by the caller).</summary>
    public static async Task SignInChangingPasswordIfAskedAsync(this IPage page, string userName, string password, string newPassword)
    {
        await page.SignInAsync(userName, password);
        if (page.Url.Contains("/compte/mot-de-passe", StringComparison.Ordinal))
        {
            await page.ChangePasswordAsync(password, newPassword);
        }
    }

    /// <summary>Waits for the interactive circuit to render the page (Blazor Server).</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
