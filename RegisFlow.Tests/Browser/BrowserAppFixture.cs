using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// The real app on a free loopback port, with no database configured so that it starts its own private
/// PostgreSQL (as a fresh install does), driven by Debian's Chromium through Playwright.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataDirectory = Path.Combine(TestPostgres.RootDirectory, "browser-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<UserRole, string> _signedIn = [];
    private AppFactory? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    /// <summary>The admin's current password: the first admin sign-in of the run replaces the installation one.</summary>
    public string AdminPassword { get; private set; } = BrowserAccounts.DefaultAdminPassword;

    /// <summary>Screenshots go under the test output, never into the repository.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _app = new AppFactory(new Dictionary<string, string?>
        {
            ["RegisFlow:DataDirectory"] = _dataDirectory,
            ["ConnectionStrings:RegisFlow"] = "",
            ["DATABASE_URL"] = "",
            // No Hangfire server (two cores shared): the manual backup button runs the backup itself.
            ["RegisFlow:Jobs:RunServer"] = "false",
        });
        _app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await BrowserAccounts.SeedAsync(_app.Services);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            ],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A new browser context at <paramref name="viewport"/>, already signed in as the <paramref name="role"/> of the main store.</summary>
    public async Task<BrowserPage> OpenAsync(Viewport viewport, UserRole role) =>
        await OpenAsync(viewport.Width, viewport.Height, await SignedInStateAsync(role));

    /// <summary>Remembers the admin's new password and session after a test changed it (the old session is over).</summary>
    public void AdminPasswordChanged(string password, string storageState)
    {
        AdminPassword = password;
        _signedIn[UserRole.Admin] = storageState;
    }

    /// <summary>Cookies of a signed-in session per role, shared by the viewports (signing in is the slow part).</summary>
    private async Task<string> SignedInStateAsync(UserRole role)
    {
        if (_signedIn.TryGetValue(role, out var state))
        {
            return state;
        }
        await using var browser = await OpenAsync();
        if (role == UserRole.Admin)
        {
            const string newPassword = "admin-du-test-navigateur";
            await browser.Page.SignInChangingPasswordIfAskedAsync(BrowserAccounts.AdminUserName, AdminPassword, newPassword);
            if (AdminPassword == BrowserAccounts.DefaultAdminPassword)
            {
                AdminPassword = newPassword;
            }
        }
        else
        {
            await browser.Page.SignInAsync(role == UserRole.Manager ? BrowserAccounts.ManagerUserName : BrowserAccounts.EmployeeUserName,
                BrowserAccounts.Password);
        }
        await Assertions.Expect(browser.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ventes/nouvelle$"));
        return _signedIn[role] = await browser.Context.StorageStateAsync();
    }

    /// <summary>A new browser context (its own cookies) at a viewport, with camera permission granted.</summary>
    public async Task<BrowserPage> OpenAsync(int width = 1440, int height = 900, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            AcceptDownloads = true,
            Permissions = ["camera"],
            StorageState = storageState,
        });
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
