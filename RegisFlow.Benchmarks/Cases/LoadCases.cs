using System.Diagnostics;
using RegisFlow.Benchmarks.Report;

namespace RegisFlow.Benchmarks.Cases;

/// <summary><c>/health</c> and the login page under many concurrent requests, for a bounded time, on loopback only.</summary>
internal static class LoadCases
{
    public static async Task<IEnumerable<ReportRow>> RunAsync(BenchContext bench)
    {
        var rows = new List<ReportRow>();
        foreach (var (what, path) in new[] { ("/health", "/health"), ("login page", "/") })
        {
            var (latency, perSecond, errors) = await LoadAsync(bench.App.BaseUrl + path, bench.Options.Concurrency, TimeSpan.FromSeconds(bench.Options.LoadSeconds));
            var figure = $"p50 {latency.Format(latency.Median)}, p99 {latency.Format(latency.P99)}, {perSecond:0} req/s";
            BenchContext.Log($"  {what} : {figure}, {errors} erreurs");
            rows.Add(new ReportRow($"{what}, {bench.Options.Concurrency} concurrent for {bench.Options.LoadSeconds} s", figure, "p99 < 50 ms",
                latency.Count > 0 && latency.P99 < 50 && errors == 0, $"{Units.Count(latency.Count)} requests, {errors} errors or non-200 answers"));
        }
        return rows;
    }

    private static async Task<(Samples Latency, double PerSecond, int Errors)> LoadAsync(string url, int concurrency, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var latency = new Samples(Unit.Milliseconds);
        var errors = 0;
        var gate = new Lock();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var buffer = new byte[1 << 14];
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                var ok = false;
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    while (await body.ReadAsync(buffer) > 0)
                    {
                    }
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                lock (gate)
                {
                    latency.Add((clock.Elapsed - start).TotalMilliseconds);
                    errors += ok ? 0 : 1;
                }
            }
        });
        await Task.WhenAll(workers);
        return (latency, latency.Count / clock.Elapsed.TotalSeconds, errors);
    }
}
