using System.Diagnostics;
using RegisFlow.Benchmarks.Report;

namespace RegisFlow.Benchmarks.Cases;

/// <summary>The three exports downloaded as a manager's browser would (GET /exports/...), timed to the last byte, with the app's memory.</summary>
internal static class ExportCases
{
    private const int PdfLimit = 500;

    private sealed record Download(double Ms, long Bytes, int Status, string Error, double RssBeforeMb, double PeakMb, double RssAfterMb);

    public static async Task<IEnumerable<ReportRow>> CsvAsync(BenchContext bench)
    {
        var range = await ExportRange.PickAsync(bench.ConnectionString, bench.Options.CsvSales, long.MaxValue, photosOnly: false);
        var (time, downloads) = await RunAsync(bench, range, "csv", bench.Options.Repeat);
        return [Row($"CSV export of ~{Units.Count(bench.Options.CsvSales)} sales (date filter)", time, downloads, 5000, "< 5 s p95, memory flat", range)];
    }

    public static async Task<IEnumerable<ReportRow>> ExcelAsync(BenchContext bench)
    {
        var range = await ExportRange.PickAsync(bench.ConnectionString, bench.Options.ExcelSales, long.MaxValue, photosOnly: true);
        var (time, downloads) = await RunAsync(bench, range, "xlsx", bench.Options.Repeat);
        var row = Row($"Excel export of ~{Units.Count(bench.Options.ExcelSales)} sales with photos", time, downloads, 10_000, "< 10 s p95, file < 150 MB", range);
        var size = downloads.Where(d => d.Status == 200).Select(d => Units.Mb(d.Bytes)).DefaultIfEmpty(double.NaN).Max();
        return [row with { Met = row.Met == true && size < 150 }];
    }

    public static async Task<IEnumerable<ReportRow>> PdfAsync(BenchContext bench)
    {
        var range = await ExportRange.PickAsync(bench.ConnectionString, bench.Options.PdfSales, PdfLimit, photosOnly: true);
        var (time, downloads) = await RunAsync(bench, range, "pdf", bench.Options.Repeat);
        var season = await ExportRange.PickAsync(bench.ConnectionString, bench.Options.SeasonPdfSales, long.MaxValue, photosOnly: true);
        var (seasonTime, seasonDownloads) = await RunAsync(bench, season, "pdf", bench.Options.HeavyRepeat);
        var row = Row($"PDF export of ~{Units.Count(bench.Options.PdfSales)} sales with photos", time, downloads, double.MaxValue, "(see the season's row)", range);
        var seasonRow = Row($"PDF export of a season (~{Units.Count(bench.Options.SeasonPdfSales)} sales with photos)", seasonTime, seasonDownloads,
            60_000, "< 60 s p95, peak RSS < 400 MB", season);
        var peak = seasonDownloads.Where(d => d.Status == 200).Select(d => d.PeakMb).DefaultIfEmpty(double.NaN).Max();
        return [row with { Met = null }, seasonRow with { Met = seasonRow.Met == true && peak < 400 }];
    }

    private static ReportRow Row(string what, Samples time, List<Download> downloads, double targetMs, string target, ExportRange range)
    {
        var refused = downloads.FirstOrDefault(d => d.Status != 200);
        if (refused is not null)
        {
            var message = refused.Error.Length > 0 ? $" « {refused.Error} »" : " (server error: see the app's log)";
            return new ReportRow(what, $"refused: HTTP {refused.Status}{message}", target, false, range.Describe());
        }
        var last = downloads[^1];
        var memory = $"app RSS {last.RssBeforeMb:0} → peak {downloads.Max(d => d.PeakMb):0} MB, {last.RssAfterMb:0} MB 5 s after";
        return ReportRow.Timed(what, time, targetMs, target, $"{range.Describe()}; {Units.Mb(last.Bytes):0.0} MB file; {memory}");
    }

    private static async Task<(Samples Time, List<Download> Downloads)> RunAsync(BenchContext bench, ExportRange range, string format, int repeat)
    {
        using var http = await bench.AdminHttpAsync();
        var downloads = new List<Download>();
        var time = await BenchContext.RepeatAsync(repeat, Unit.Milliseconds, async _ =>
        {
            var download = await DownloadAsync(bench, http, range.Query(format));
            downloads.Add(download);
            BenchContext.Log($"  {format} ({range.Describe()}) : HTTP {download.Status}, {Units.Format(download.Ms, Unit.Milliseconds)}, "
                + $"{Units.Mb(download.Bytes):0.0} MB, RSS {download.RssBeforeMb:0} → {download.PeakMb:0} MB");
            return download.Ms;
        });
        return (time, downloads);
    }

    private static async Task<Download> DownloadAsync(BenchContext bench, HttpClient http, string url)
    {
        var memory = bench.App.Memory;
        var before = memory.RssMb();
        memory.ResetPeak();
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        var error = "";
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (!response.IsSuccessStatusCode && bytes < 300 && response.Content.Headers.ContentType?.MediaType == "text/plain")
            {
                error += System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            }
            bytes += read;
        }
        var ms = BenchContext.Ms(watch);
        var peak = memory.PeakMb();
        await Task.Delay(5000);
        return new Download(ms, bytes, (int)response.StatusCode, error.Trim(), before, peak, memory.RssMb());
    }
}
