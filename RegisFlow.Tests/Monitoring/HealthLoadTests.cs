using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Backups;
using RegisFlow.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegisFlow.Tests.Monitoring;

/// <summary>
/// 200 callers hitting /health for 15 s, as container checks and load balancers might, while a signed-in user reads a
/// page. Asserts that nobody is told "unhealthy" while the database is fine; the latencies are printed (they are a
/// measurement for the report, not an assertion: the machine is shared).
/// </summary>
public class HealthLoadTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const int Callers = 200;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Two_hundred_concurrent_health_callers_for_15_seconds_never_get_a_false_unhealthy()
    {
        await fixture.ResetAsync();
        await using var app = LiveApp.Start(fixture, fakeClock: false);
        // A backup made now (real clock, like the 5 s cache): the register is healthy, so any other answer is false.
        await app.Services.GetRequiredService<BackupService>().CreateScheduledAsync();
        using var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Callers }) { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        using var signedIn = app.Client((TestAuthentication.Header, "1;Admin;"));
        await signedIn.GetStringAsync("/historique");
        var quiet = await MeasurePageAsync(signedIn, TimeSpan.FromSeconds(5), CancellationToken.None);

        var health = HammerAsync(anonymous, "/health");
        var busy = await MeasurePageAsync(signedIn, Duration - TimeSpan.FromSeconds(1), CancellationToken.None);
        var (latencies, statuses) = await health;
        // Reference on the same machine at the same moment: the liveness endpoint, which does no work at all.
        var (live, _) = await HammerAsync(anonymous, "/health/live", TimeSpan.FromSeconds(5));

        output.WriteLine(Summary("/health", latencies, Duration));
        output.WriteLine(Summary("/health/live (référence, 5 s)", live, TimeSpan.FromSeconds(5)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"/historique (connecté) : au calme p50 {Percentile(quiet, 50):F1} ms p95 {Percentile(quiet, 95):F1} ms ({quiet.Count}) ; sous charge p50 {Percentile(busy, 50):F1} ms p95 {Percentile(busy, 95):F1} ms ({busy.Count})"));
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal((HttpStatusCode.OK, "healthy"), s));
    }

    private static async Task<(List<double> Latencies, List<(HttpStatusCode Code, string Status)> Statuses)> HammerAsync(
        HttpClient client, string path, TimeSpan? duration = null)
    {
        var statuses = new ConcurrentBag<(HttpStatusCode Code, string Status)>();
        var latencies = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource(duration ?? Duration);
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                using var json = JsonDocument.Parse(body);
                statuses.Add((response.StatusCode, json.RootElement.GetProperty("status").GetString()!));
            }
        })));
        return ([.. latencies], [.. statuses]);
    }

    private static string Summary(string path, List<double> latencies, TimeSpan duration) => string.Create(CultureInfo.InvariantCulture,
        $"{path} : {latencies.Count} réponses en {duration.TotalSeconds} s ({latencies.Count / duration.TotalSeconds:F0}/s), p50 {Percentile(latencies, 50):F1} ms, p99 {Percentile(latencies, 99):F1} ms");

    private static async Task<List<double>> MeasurePageAsync(HttpClient client, TimeSpan duration, CancellationToken ct)
    {
        var times = new List<double>();
        var end = Stopwatch.StartNew();
        while (end.Elapsed < duration)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync("/historique", ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double Percentile(IEnumerable<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
