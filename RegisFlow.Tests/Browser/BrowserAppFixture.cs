using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Https;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// The real app on a free loopback port, with no database configured so that it starts its own private
/// PostgreSQL (as a fresh install does), driven by Debian's Chromium through Playwright. The app also listens with TLS,
/// and Chromium reaches both ports by the name a tablet would use (<see cref="TabletHostName"/>), with the app's local
/// authority trusted as a tablet trusts it once the certificate is installed.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(TestPostgres.RootDirectory, "browser-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<UserRole, string> _signedIn = [];
    private AppFactory? _app;
    private IPlaywright? _playwright;

    /// <summary>A name that is not localhost, so that plain HTTP is not a secure context (Chromium maps it to 127.0.0.1).</summary>
    public const string TabletHostName = "regisflow.test";

    public string BaseUrl { get; private set; } = "";

    /// <summary>The app by the tablet's name over plain HTTP, and over HTTPS.</summary>
    public string TabletHttpUrl { get; private set; } = "";
    public string TabletHttpsUrl { get; private set; } = "";
    public string AuthorityCertificatePath { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    /// <summary>The app's own PostgreSQL server, which a test may stop and restart (an outage).</summary>
    public PrivatePostgresServer Database => Services.GetRequiredService<PrivatePostgresLifetime>().Server;

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
            ["LAN_HTTPS_NAMES"] = TabletHostName,
        });
        _app.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps()); // with the app's own certificate, as on port 5001
        });
        _app.StartServer();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http:", StringComparison.Ordinal));
        TabletHttpUrl = $"http://{TabletHostName}:{new Uri(BaseUrl).Port}";
        TabletHttpsUrl = $"https://{TabletHostName}:{new Uri(addresses.First(a => a.StartsWith("https:", StringComparison.Ordinal))).Port}";
        AuthorityCertificatePath = _app.Services.GetRequiredService<LocalCertificateAuthority>().AuthorityCertificatePath;
        await BrowserAccounts.SeedAsync(_app.Services);

        Assertions.SetDefaultExpectTimeout(BrowserTimeouts.Reaction);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchTrustingAsync(_playwright, AuthorityCertificatePath, Path.Combine(_dataDirectory, "chromium-home"),
            $"--host-resolver-rules=MAP {TabletHostName} 127.0.0.1");
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
    public Task<BrowserPage> OpenAsync(int width = 1440, int height = 900, string? storageState = null, string? baseUrl = null) =>
        Chromium.OpenAsync(Browser, baseUrl ?? BaseUrl, width, height, storageState);

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
