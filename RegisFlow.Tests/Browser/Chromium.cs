using System.Diagnostics;
using System.Collections;
using Microsoft.Playwright;

namespace RegisFlow.Tests.Browser;

/// <summary>Debian's Chromium, headless, as the browser tests launch it (no browser download; fake camera).</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArguments)
    {
        UseTheProjectsExpectTimeout();
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = [.. Arguments, .. extraArguments],
        });
    }

    // Playwright's 5 s default is process-wide: a test that runs before BrowserAppFixture sets it must not keep it.
    private static void UseTheProjectsExpectTimeout() => Assertions.SetDefaultExpectTimeout(BrowserTimeouts.Reaction);

    /// <summary>
    /// Chromium that trusts <paramref name="authorityCertificate"/> as a tablet does once it is installed: Chromium on Linux
    /// reads the NSS database of $HOME/.pki/nssdb, made here with certutil (Debian's libnss3-tools) under <paramref name="home"/>.
    /// </summary>
    public static async Task<IBrowser> LaunchTrustingAsync(IPlaywright playwright, string authorityCertificate, string home,
        params string[] extraArguments)
    {
        const string certutil = "/usr/bin/certutil";
        if (!File.Exists(certutil))
        {
            throw new InvalidOperationException("certutil est introuvable : lancez scripts/ensure-chromium.sh (paquet libnss3-tools).");
        }
        var database = "sql:" + System.IO.Path.Combine(home, ".pki", "nssdb");
        Directory.CreateDirectory(System.IO.Path.Combine(home, ".pki", "nssdb"));
        await RunAsync(certutil, "-N", "--empty-password", "-d", database);
        await RunAsync(certutil, "-A", "-d", database, "-n", "RegisFlow", "-t", "C,,", "-i", authorityCertificate);
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        environment["HOME"] = home;
        UseTheProjectsExpectTimeout();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = [.. Arguments, .. extraArguments],
            Env = environment,
        });
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} : {error}");
        }
    }

    /// <summary>A new browser context (its own cookies) on <paramref name="baseUrl"/>, in French and Paris time, camera allowed.</summary>
    public static async Task<BrowserPage> OpenAsync(IBrowser browser, string baseUrl, int width = 1440, int height = 900, string? storageState = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            AcceptDownloads = true,
            Permissions = ["camera"],
            StorageState = storageState,
        });
        context.SetDefaultTimeout(BrowserTimeouts.Reaction);
        context.SetDefaultNavigationTimeout(BrowserTimeouts.Reaction);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }
}
