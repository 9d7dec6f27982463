using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegisFlow.Tests.Browser;

/// <summary>The steps a person takes again and again: signing in, changing a forced password, navigating.</summary>
public static class BrowserFlows
{
    /// <summary>Submits the login form and waits for the answer (the next page, or the login page with its message).</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Identifiant").FillAsync(userName);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // The answer: a live page, the forced password change, or the login page again with its message.
        await page.Locator("#circuit-ready, #current-password, .account-error").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public static async Task ChangePasswordAsync(this IPage page, string currentPassword, string newPassword)
    {
        await page.FillAsync("#current-password", currentPassword);
        await page.FillAsync("#new-password", newPassword);
        await page.FillAsync("#confirm-password", newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
        await page.Locator("#circuit-ready, .account-error, .account-field-error").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
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

    /// <summary>Opens an interactive page and waits until its circuit is live (before that, clicks do nothing).</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
    }

    /// <summary>MainLayout renders #circuit-ready only once the page is rendered by the live circuit, not prerendered.</summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// After « Enregistrer la vente »: waits for « Vente n° … enregistrée » (another number than <paramref name="previous"/>) and the
    /// emptied form, and returns the number. If it never comes, fails with what the page says instead (refusal, failure, red fields).
    /// </summary>
    public static async Task<long> WaitForSavedSaleAsync(this IPage page, long? previous = null)
    {
        var filter = new LocatorFilterOptions { HasTextRegex = new Regex(@"Vente n° \d+ enregistrée") };
        if (previous is { } shown)
        {
            // Playwright trims the text it matches: the number must be followed by a word, not only a space.
            filter.HasNotText = $"Vente n° {shown.ToString(CultureInfo.InvariantCulture)} enregistrée";
        }
        var saved = page.GetByRole(AriaRole.Alert).Filter(filter).First;
        try
        {
            await Assertions.Expect(saved).ToBeVisibleAsync(BrowserTimeouts.AfterServerWork);
        }
        catch (PlaywrightException)
        {
            var shownInstead = await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('.mud-alert, .mud-input-error, .mud-input-helper-text')]
                    .map(e => e.innerText.trim()).filter(t => t).join(' | ')
                """);
            throw new Xunit.Sdk.XunitException($"La vente n'est pas enregistrée ; la page affiche : {shownInstead}");
        }
        var number = long.Parse(Regex.Match(await saved.InnerTextAsync(), @"Vente n° (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" })).ToBeEnabledAsync();
        return number;
    }
}
