using System.Net;
using Microsoft.Playwright;

namespace RegisFlow.Benchmarks.Running;

/// <summary>Debian's Chromium driven by Playwright (launch options of the browser tests), with a signed-in session per account.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Bound for one awaited operation: long, because a slow figure must be measured, not cut.</summary>
    public static readonly float Timeout = 600_000;

    private readonly IPlaywright _playwright;
    private readonly Dictionary<string, string> _states = [];

    private BrowserSession(IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        _playwright = playwright;
        Browser = browser;
        BaseUrl = baseUrl;
    }

    public IBrowser Browser { get; }
    public string BaseUrl { get; }
    public string Version => Browser.Version;

    public static async Task<BrowserSession> StartAsync(string baseUrl, params string[] extraArguments)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", .. extraArguments,
            ],
        });
        return new BrowserSession(playwright, browser, baseUrl);
    }

    /// <summary>A new context (its own cookies) signed in as <paramref name="userName"/>, at a desktop size.</summary>
    public async Task<IBrowserContext> ContextAsync(string userName, string password)
    {
        if (!_states.TryGetValue(userName, out var state))
        {
            await using var signIn = await NewContextAsync(null);
            var page = await signIn.NewPageAsync();
            await page.GotoAsync("/");
            await page.GetByLabel("Identifiant").FillAsync(userName);
            await page.GetByLabel("Mot de passe").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
            await page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            _states[userName] = state = await signIn.StorageStateAsync();
        }
        return await NewContextAsync(state);
    }

    /// <summary>Drops the kept sign-ins: the next context of each account signs in again.</summary>
    public void ForgetSignIns() => _states.Clear();

    /// <summary>The session cookies of an account, for plain HTTP requests (exports).</summary>
    public async Task<CookieContainer> CookiesAsync(string userName, string password)
    {
        await using var context = await ContextAsync(userName, password);
        var cookies = new CookieContainer();
        foreach (var cookie in await context.CookiesAsync())
        {
            cookies.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }
        return cookies;
    }

    private Task<IBrowserContext> NewContextAsync(string? state) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        Locale = "fr-FR",
        TimezoneId = "Europe/Paris",
        AcceptDownloads = true,
        StorageState = state,
    });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

internal static class PageSteps
{
    /// <summary>Opens an interactive page and waits until its circuit is live (MainLayout's #circuit-ready).</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path, new() { Timeout = BrowserSession.Timeout });
        await page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = BrowserSession.Timeout });
    }

    /// <summary>Waits until a JavaScript condition holds, polled every 5 ms so the figure is not rounded to a frame.</summary>
    public static Task WaitForAsync(this IPage page, string condition, object? argument = null) =>
        page.WaitForFunctionAsync(condition, argument, new() { PollingInterval = 5, Timeout = BrowserSession.Timeout });
}
