using System.Diagnostics;
using Microsoft.Playwright;
using RegisFlow.Benchmarks.Data;
using RegisFlow.Benchmarks.Report;
using RegisFlow.Benchmarks.Running;

namespace RegisFlow.Benchmarks.Cases;

/// <summary>The history page as an administrator sees the whole chain: opened, paged, searched.</summary>
internal static class HistoryCases
{
    public const int SearchDebounceMs = 400;

    /// <summary>True once the grid shows rows loaded by the live circuit (the first cell is a sale number).</summary>
    public const string RowsShown = """
        () => !!document.querySelector('#circuit-ready')
            && /^\d+$/.test(document.querySelector('.mud-table-body tr td')?.textContent.trim() ?? '')
        """;

    private const string FirstCell = "() => document.querySelector('.mud-table-body tr td')?.textContent.trim() ?? ''";
    private const string CountText = "() => document.querySelector('[data-testid=history-count]')?.textContent.trim() ?? ''";

    public static async Task<IEnumerable<ReportRow>> PagesAsync(BenchContext bench)
    {
        var total = Units.Count(bench.Dataset.Size.Sales + bench.Dataset.Size.ComparisonSales);
        var open = new Samples(Unit.Milliseconds);
        var next = new Samples(Unit.Milliseconds);
        var last = new Samples(Unit.Milliseconds);
        for (var run = 0; run < bench.Options.Repeat; run++)
        {
            await using var context = await bench.Browser.ContextAsync(DataLoader.AdminUserName, DataLoader.Password);
            var page = await context.NewPageAsync();
            var watch = Stopwatch.StartNew();
            await page.GotoAsync("/historique", new() { Timeout = BrowserSession.Timeout });
            await page.WaitForAsync(RowsShown);
            open.Add(BenchContext.Ms(watch));

            next.Add(await PageAsync(page, "history-next"));
            last.Add(await PageAsync(page, "history-last"));
            BenchContext.Log($"  historique : ouverture {open.Format(open.Values[^1])}, suivante {next.Format(next.Values[^1])}, dernière {last.Format(last.Values[^1])}");
        }
        return
        [
            ReportRow.Timed($"history page opened, {total} sales (admin, every store)", open, 100, "< 100 ms p95", "navigation to rows shown by the live circuit"),
            ReportRow.Timed("next page", next, 100, "< 100 ms p95"),
            ReportRow.Timed("last page", last, 100, "< 100 ms p95"),
        ];
    }

    /// <summary>Clicks a pager button (history-first, -previous, -next, -last) and times until the first row changes.</summary>
    private static async Task<double> PageAsync(IPage page, string button)
    {
        var before = await page.EvaluateAsync<string>(FirstCell);
        var watch = Stopwatch.StartNew();
        await page.GetByTestId(button).ClickAsync(new() { Timeout = BrowserSession.Timeout });
        await page.WaitForAsync($"before => ({FirstCell})() !== before && /^\\d+$/.test(({FirstCell})())", before);
        return BenchContext.Ms(watch);
    }

    public static async Task<IEnumerable<ReportRow>> SearchAsync(BenchContext bench)
    {
        var rows = new List<ReportRow>();
        foreach (var term in new[] { "dupont", "hélène", "xqzwy" })
        {
            var samples = new Samples(Unit.Milliseconds);
            var found = "";
            for (var run = 0; run < bench.Options.Repeat; run++)
            {
                await using var context = await bench.Browser.ContextAsync(DataLoader.AdminUserName, DataLoader.Password);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/historique", new() { Timeout = BrowserSession.Timeout });
                await page.WaitForAsync(RowsShown);
                var before = await page.EvaluateAsync<string>(CountText);
                var watch = Stopwatch.StartNew();
                await page.GetByLabel("Rechercher").FillAsync(term);
                await page.WaitForAsync($"before => ({CountText})() !== before", before);
                samples.Add(BenchContext.Ms(watch) - SearchDebounceMs);
                found = await page.EvaluateAsync<string>(CountText);
            }
            BenchContext.Log($"  recherche « {term} » : {samples.Summary()} ({found})");
            rows.Add(ReportRow.Timed($"search \"{term}\" beyond the {SearchDebounceMs} ms debounce", samples, 150, "< 150 ms p95 beyond the debounce",
                $"typed to count shown, minus the debounce; {found.Replace('\u202f', ' ').Replace('\u00a0', ' ')}"));
        }
        return rows;
    }
}
