using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit.Abstractions;

namespace RegisFlow.Tests.Deployment;

/// <summary>
/// The compose file's "monitoring" profile with the app, its database and Prometheus (Debian's Prometheus as the local
/// stand-in for prom/prometheus). Grafana is not started: Debian does not package it and no image can be pulled here;
/// its dashboard and provisioning are checked by GrafanaDashboardTests.
/// </summary>
public sealed class MonitoringFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["db", "regisflow", "prometheus"];

    public PodmanStack Stack { get; private set; } = null!;

    /// <summary>From `up` to the first 200 of the app's /health.</summary>
    public TimeSpan Start { get; private set; }

    public async Task InitializeAsync()
    {
        Stack = await PodmanStack.CreateAsync(new Dictionary<string, string>
        {
            ["COMPOSE_PROFILES"] = "monitoring",
            ["MONITORING_TOKEN"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant(),
        });
        Start = await Stack.UpAsync(Stack.AppUrl + "/health", Services);
    }

    public async Task DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
    }
}

[Collection(DeploymentCollection.Name)]
public class MonitoringDeploymentTests(MonitoringFixture fixture, ITestOutputHelper output) : IClassFixture<MonitoringFixture>
{
    /// <summary>A cold Prometheus on a busy 2-core machine: start, first scrape (every 15 s), first query.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private PodmanStack Stack => fixture.Stack;

    [Fact]
    public async Task Prometheus_scrapes_the_app_with_the_monitoring_token_and_answers_queries_on_its_series()
    {
        output.WriteLine($"Démarrage db + regisflow + prometheus (up jusqu'à /health 200) : {fixture.Start.TotalSeconds:0.0} s");
        using var prometheus = new HttpClient { BaseAddress = new Uri(Stack.PrometheusUrl), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var waited = Stopwatch.StartNew();
            var target = await PollAsync(prometheus, "/api/v1/targets?state=active", data =>
                data.GetProperty("activeTargets").EnumerateArray()
                    .Where(t => t.GetProperty("labels").GetProperty("job").GetString() == "regisflow")
                    .Select(t => (JsonElement?)t)
                    .FirstOrDefault(t => t!.Value.GetProperty("health").GetString() == "up"),
                "la cible regisflow « up »");
            output.WriteLine($"Cible {target.GetProperty("scrapeUrl").GetString()} « up » après {waited.Elapsed.TotalSeconds:0.0} s "
                + $"(relevé en {target.GetProperty("lastScrapeDuration").GetDouble() * 1000:0} ms)");

            // Some requests, then the series of the register's own meter and of ASP.NET Core, as Prometheus holds them.
            using (var app = new HttpClient { BaseAddress = new Uri(Stack.AppUrl), Timeout = TimeSpan.FromSeconds(30) })
            {
                for (var i = 0; i < 3; i++)
                {
                    (await app.GetAsync("/")).Dispose();
                }
            }
            var diskFree = await QueryAsync(prometheus, "regisflow_disk_free_bytes{job=\"regisflow\",folder=\"backups\"}");
            Assert.True(diskFree > 0, $"regisflow_disk_free_bytes = {diskFree}");
            output.WriteLine($"regisflow_disk_free_bytes{{folder=\"backups\"}} = {diskFree / 1e9:0.0} Go");
            waited.Restart();
            var requests = await QueryAsync(prometheus, "sum(http_server_request_duration_seconds_count{job=\"regisflow\"})");
            output.WriteLine($"sum(http_server_request_duration_seconds_count) = {requests} (après {waited.Elapsed.TotalSeconds:0.0} s d'attente)");
            var series = await QueryAsync(prometheus, "count({job=\"regisflow\"})");
            output.WriteLine($"Séries de la cible regisflow dans Prometheus : {series}");
            var build = await PollAsync(prometheus, "/api/v1/status/buildinfo", data => data, "buildinfo");
            var image = (await Stack.PodmanAsync("inspect", await Stack.ContainerAsync("prometheus"), "--format", "{{.ImageName}}")).Trim();
            output.WriteLine($"Prometheus {build.GetProperty("version").GetString()}, image {image}");
        }
        catch
        {
            output.WriteLine(await Stack.RecentLogsAsync());
            throw;
        }

        // The scrape passes by the token, not by the network: from the same container, without it, /metrics is refused.
        var anonymous = await Stack.ExecAsync("prometheus", "wget", "-O", "/dev/null", "http://regisflow:5000/metrics");
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("403", anonymous.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_runs_unprivileged_on_a_read_only_system_within_its_limits_and_passes_its_health_check()
    {
        var status = (await Stack.ExecAsync("prometheus", "cat", "/proc/1/status")).Output;
        Assert.Matches(@"(?m)^Uid:\s+65534\s", status);
        Assert.Matches(@"(?m)^NoNewPrivs:\s+1$", status);
        Assert.Contains("Read-only file system", (await Stack.ExecAsync("prometheus", "touch", "/etc/prometheus/essai")).All, StringComparison.Ordinal);
        // The token, written at start-up in memory only, readable by Prometheus's user alone.
        Assert.Equal("-rw-------", (await Stack.ExecAsync("prometheus", "stat", "-c", "%A", "/tmp/regisflow-token")).Output.Trim());

        var container = await Stack.ContainerAsync("prometheus");
        var memory = (await Stack.PodmanAsync("inspect", container, "--format", "{{.HostConfig.Memory}}")).Trim();
        Assert.Equal((512L * 1024 * 1024).ToString(CultureInfo.InvariantCulture), memory);
        Assert.Equal(0, (await PodmanStack.TryPodmanAsync("healthcheck", "run", container)).ExitCode);
    }

    /// <summary>Asks Prometheus until <paramref name="pick"/> finds what it waits for in the answer's data, within the bound.</summary>
    private static async Task<JsonElement> PollAsync(HttpClient prometheus, string path, Func<JsonElement, JsonElement?> pick, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        var last = "";
        while (true)
        {
            try
            {
                using var response = await prometheus.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                last = $"HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 1500)]}";
                if (response.IsSuccessStatusCode)
                {
                    using var document = JsonDocument.Parse(body);
                    if (pick(document.RootElement.GetProperty("data")) is { } found)
                    {
                        return found.Clone();
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Pas de {what} après {Bound.TotalMinutes} minutes ({path}) : {last}");
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>The value of an instant query, once Prometheus has a sample for it.</summary>
    private static async Task<double> QueryAsync(HttpClient prometheus, string query)
    {
        var sample = await PollAsync(prometheus, "/api/v1/query?query=" + Uri.EscapeDataString(query), data =>
            data.GetProperty("result").EnumerateArray().Select(r => (JsonElement?)r).FirstOrDefault(), query);
        return double.Parse(sample.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }
}
