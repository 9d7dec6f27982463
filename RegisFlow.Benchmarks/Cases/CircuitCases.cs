using System.Text.Json;
using Microsoft.Playwright;
using RegisFlow.Benchmarks.Data;
using RegisFlow.Benchmarks.Report;
using RegisFlow.Benchmarks.Running;

namespace RegisFlow.Benchmarks.Cases;

/// <summary>
/// Memory the app keeps per open Blazor circuit on the sale page: circuits opened in four steps, the app's RSS (from /proc)
/// and managed heap (from /health) read after each step; each step's growth divided by its circuits is one sample.
/// </summary>
internal static class CircuitCases
{
    private const int Steps = 4;
    private const int PagesPerContext = 10;

    public static async Task<IEnumerable<ReportRow>> RunAsync(BenchContext bench)
    {
        // Tabs share a few renderer processes, so a hundred of them fit beside the rest of the machine's work.
        await using var browser = await BrowserSession.StartAsync(bench.App.BaseUrl, "--renderer-process-limit=4");
        using var http = new HttpClient { BaseAddress = new Uri(bench.App.BaseUrl) };
        var contexts = new List<IBrowserContext>();
        var rss = new Samples(Unit.Megabytes);
        var heap = new Samples(Unit.Megabytes);
        try
        {
            var (rssBefore, heapBefore) = await MeasureAsync(bench, http);
            var (firstRss, firstHeap) = (rssBefore, heapBefore);
            var open = 0;
            var perStep = Math.Max(1, bench.Options.Circuits / Steps);
            for (var step = 0; step < Steps; step++)
            {
                for (var i = 0; i < perStep; i++, open++)
                {
                    if (open % PagesPerContext == 0)
                    {
                        contexts.Add(await browser.ContextAsync(DataLoader.EmployeeUserName(0), DataLoader.Password));
                    }
                    var page = await contexts[^1].NewPageAsync();
                    await page.OpenAsync("/ventes/nouvelle");
                }
                var (rssNow, heapNow) = await MeasureAsync(bench, http);
                rss.Add((rssNow - rssBefore) / perStep);
                heap.Add((heapNow - heapBefore) / perStep);
                BenchContext.Log($"  {open} circuits : RSS {rssNow:0} MB, tas managé {heapNow:0} MB");
                (rssBefore, heapBefore) = (rssNow, heapNow);
            }
            var totalRss = (rssBefore - firstRss) / open;
            var totalHeap = (heapBefore - firstHeap) / open;
            return
            [
                new ReportRow($"memory per open circuit on the sale page ({open} circuits), RSS", $"{totalRss:0.00} MB each", "< 1 MB each", totalRss < 1,
                    $"growth from 0 to {open} circuits; per step of {perStep}: {rss.Summary()}"),
                new ReportRow($"memory per open circuit on the sale page ({open} circuits), managed heap", $"{totalHeap:0.00} MB each", "< 1 MB each", totalHeap < 1,
                    $"GC.GetTotalMemory as /health reports it (no forced collection); per step of {perStep}: {heap.Summary()}"),
            ];
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>The app's RSS and managed heap once the circuits just opened have settled.</summary>
    private static async Task<(double RssMb, double HeapMb)> MeasureAsync(BenchContext bench, HttpClient http)
    {
        await Task.Delay(3000);
        using var health = JsonDocument.Parse(await http.GetStringAsync("/health"));
        var heap = health.RootElement.GetProperty("memory").GetProperty("gcHeapMb").GetDouble();
        return (bench.App.Memory.RssMb(), heap);
    }
}
