using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Tests.Browser;
using Xunit.Abstractions;

namespace RegisFlow.Tests.Deployment;

/// <summary>
/// The compose file's "multi" profile: two app instances behind nginx on one PostgreSQL, both running the
/// scheduled jobs, with the backup scheduled every minute (BACKUP_SCHEDULE) so that occurrences come quickly.
/// </summary>
public sealed class MultiInstanceFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PodmanStack Stack { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stack = await PodmanStack.CreateAsync(new Dictionary<string, string>
        {
            ["COMPOSE_PROFILES"] = "multi",
            ["BACKUP_SCHEDULE"] = "* * * * *",
        });
        await Stack.UpAsync(Stack.ProxyUrl + "/health");
        foreach (var instance in MultiInstanceDeploymentTests.Instances)
        {
            await Stack.WaitHealthyAsync(instance);
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
    }
}

[Collection(DeploymentCollection.Name)]
public class MultiInstanceDeploymentTests(MultiInstanceFixture fixture, ITestOutputHelper output) : IClassFixture<MultiInstanceFixture>
{
    public static readonly string[] Instances = ["regisflow", "regisflow-2"];
    private static readonly Regex BackupMinute = new(@"^regisflow-(\d{8}-\d{4})\d{2}\.rfbak$");

    private PodmanStack Stack => fixture.Stack;

    [Fact]
    public async Task Signed_in_through_the_proxy_the_shop_stays_signed_in_when_its_instance_stops()
    {
        await using var browser = await Chromium.OpenAsync(fixture.Browser, Stack.ProxyUrl);
        var page = browser.Page;
        try
        {
            await page.SignInChangingPasswordIfAskedAsync("admin", "admin123", "admin-derriere-le-proxy");
            await page.OpenAsync("/administration");
            var holding = await InstanceAsync(browser);
            // Sticky: the same instance answers again.
            Assert.Equal(holding, await InstanceAsync(browser));

            var stopped = await InstanceServiceAsync(holding);
            await Stack.PodmanAsync("stop", "--time", "10", await Stack.ContainerAsync(stopped));
            try
            {
                await ReloadAfterTheInstanceStoppedAsync(page, Stack.ProxyUrl + "/administration");
                Assert.EndsWith("/administration", page.Url, StringComparison.Ordinal);
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sauvegarder maintenant" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
                Assert.NotEqual(holding, await InstanceAsync(browser));
            }
            finally
            {
                await Stack.PodmanAsync("start", await Stack.ContainerAsync(stopped));
                await Stack.WaitHealthyAsync(stopped);
            }
        }
        catch
        {
            await browser.ScreenshotAsync("deploiement-multi-echec");
            output.WriteLine(await Stack.RecentLogsAsync());
            throw;
        }

        // Behind the trusted proxy, the audit keeps the shop's address, not the proxy's.
        var proxyAddress = (await Stack.PodmanAsync("inspect", await Stack.ContainerAsync("proxy"),
            "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}")).Trim();
        var signInAddress = await Stack.QueryAsync("SELECT client_address FROM login_attempts WHERE succeeded ORDER BY id DESC LIMIT 1");
        Assert.NotEqual(proxyAddress, signInAddress);
        Assert.False(string.IsNullOrEmpty(signInAddress));
    }

    [Fact]
    public async Task The_scheduled_backup_runs_once_per_occurrence_though_both_instances_schedule_it()
    {
        const string activeServers = "SELECT count(*) FROM hangfire.server WHERE lastheartbeat > now() - interval '1 minute'";
        Assert.True(int.Parse(await Stack.QueryAsync(activeServers), CultureInfo.InvariantCulture) >= 2, "Les deux instances doivent exécuter les tâches.");
        var since = DateTime.UtcNow;
        var firstMinute = since.AddMinutes(1).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);

        // Two whole occurrences after this point, both instances running all along (bounded: 4 minutes).
        IReadOnlyList<string> files = [];
        var deadline = since.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            files = await Stack.FilesInVolumeAsync("backups");
            if (Minutes(files).Count(m => string.CompareOrdinal(m, firstMinute) >= 0) >= 2)
            {
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        output.WriteLine(string.Join(Environment.NewLine, files));
        Assert.True(int.Parse(await Stack.QueryAsync(activeServers), CultureInfo.InvariantCulture) >= 2, "Une instance s'est arrêtée pendant l'essai.");

        var perMinute = files.Select(f => BackupMinute.Match(f)).Where(m => m.Success)
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perMinute.Keys.Count(m => string.CompareOrdinal(m, firstMinute) >= 0) >= 2,
            $"Moins de deux sauvegardes planifiées en 4 minutes : {string.Join(", ", files)}");
        Assert.All(perMinute, minute => Assert.True(minute.Value == 1, $"{minute.Value} sauvegardes à {minute.Key}"));
    }

    /// <summary>
    /// Reloads the page once its instance is gone. The tab's own reconnection reloads it too when the other instance
    /// does not know the circuit, and either navigation may interrupt the other: an interrupted one is made again.
    /// </summary>
    private static async Task ReloadAfterTheInstanceStoppedAsync(IPage page, string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(url, new() { Timeout = 60_000 });
                await page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    private static IEnumerable<string> Minutes(IEnumerable<string> files) =>
        files.Select(f => BackupMinute.Match(f)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>
    /// The instance that serves this browser, as nginx reports it: its address on the compose network (after a failed
    /// try, nginx lists every instance it tried; the last one answered). Asked with the browser's own cookies.
    /// </summary>
    private static async Task<string> InstanceAsync(BrowserPage browser)
    {
        var response = await browser.Context.APIRequest.GetAsync("/health", new() { Timeout = 60_000 });
        return response.Headers.TryGetValue("x-regisflow-instance", out var tried)
            ? tried.Split(',', StringSplitOptions.TrimEntries)[^1]
            : throw new Xunit.Sdk.XunitException("en-tête X-RegisFlow-Instance absent");
    }

    /// <summary>The compose service whose container has the address nginx reported.</summary>
    private async Task<string> InstanceServiceAsync(string instance)
    {
        foreach (var service in Instances)
        {
            var address = (await Stack.PodmanAsync("inspect", await Stack.ContainerAsync(service),
                "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}")).Trim();
            if (instance.StartsWith(address + ":", StringComparison.Ordinal))
            {
                return service;
            }
        }
        throw new Xunit.Sdk.XunitException($"Aucune instance à l'adresse {instance}.");
    }
}
