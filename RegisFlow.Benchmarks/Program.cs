using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RegisFlow.Benchmarks;
using RegisFlow.Benchmarks.Cases;
using RegisFlow.Benchmarks.Data;
using RegisFlow.Benchmarks.Report;
using RegisFlow.Benchmarks.Running;
using Microsoft.Extensions.Configuration;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Photos;

// scripts/benchmark.sh generate --connection "Host=..." [sizes] [--reset]   fills a database
// scripts/benchmark.sh run [--quick] [sizes] [--only csv,pdf] [--original URL] rewrites docs/performance.md
if (args.Length == 0 || args[0] is not ("generate" or "run"))
{
    Console.Error.WriteLine("Usage : benchmark.sh generate --connection <chaîne> [--reset] [tailles] | benchmark.sh run [--quick] [options] (voir docs/performance.md)");
    return 2;
}
BenchOptions options;
try
{
    options = BenchOptions.Parse(args[1..], args[0]);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
var size = new DatasetSize(options.Sales, options.PhotoSales, options.ExpiredSales, options.ComparisonSales);

if (args[0] == "generate")
{
    if (options.ConnectionString is null)
    {
        Console.Error.WriteLine("generate attend --connection \"Host=...;Database=...;Username=...;Password=...\".");
        return 2;
    }
    if (PhotoKey.Configured(new ConfigurationBuilder().AddEnvironmentVariables().Build()) is not { } photoKey)
    {
        Console.Error.WriteLine($"generate attend la clé des photos de l'application qui lira cette base dans {PhotoKey.EnvironmentKey} (base64, 32 octets).");
        return 2;
    }
    await new DataLoader(options.ConnectionString, PhotoKey.Parse(photoKey), BenchContext.Log).LoadAsync(size, options.Reset);
    return 0;
}

var total = Stopwatch.StartNew();
await using var server = await PrivatePostgresServer.StartAsync(Path.Combine(options.WorkDirectory, "postgres"), null, "postgres", NullLogger.Instance);
var connectionString = server.ConnectionString(BenchDatabase.Name);
var appData = Path.Combine(options.WorkDirectory, "app-data");
var dataset = await BenchDatabase.PrepareAsync(server, options, size, AppProcess.PhotoKeyFor(appData));

BenchContext.Log($"Démarrage de l'application publiée ({options.AppDll})...");
await using var app = await AppProcess.StartAsync(options.AppDll ?? throw new ArgumentException("--app RegisFlow.Web.dll manquant."),
    connectionString, appData, Path.Combine(options.WorkDirectory, "app.log"), CancellationToken.None);
await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
var machine = await MachineInfo.ReadAsync(connectionString, browser.Version, Directory.GetCurrentDirectory());
var bench = new BenchContext(options, app, browser, connectionString, dataset);

var rows = new List<ReportRow>();
Samples? backupTime = null;
// Read-only cases first; the backup, restore and purge change the data and come last.
var cases = new (string Name, string What, Func<Task<IEnumerable<ReportRow>>> Run)[]
{
    ("history", "history page opened, next / last page", () => HistoryCases.PagesAsync(bench)),
    ("search", "search", () => HistoryCases.SearchAsync(bench)),
    ("photos", "photo previews", () => PhotoCases.PreviewsAsync(bench)),
    ("save", "sale saved with 3 photos", () => PhotoCases.SaveAsync(bench)),
    ("csv", "CSV export", () => ExportCases.CsvAsync(bench)),
    ("excel", "Excel export", () => ExportCases.ExcelAsync(bench)),
    ("pdf", "PDF export", () => ExportCases.PdfAsync(bench)),
    ("original", "side by side with the original", () => OriginalCase.RunAsync(bench)),
    ("circuits", "memory per circuit", () => CircuitCases.RunAsync(bench)),
    ("load", "/health and login page under load", () => LoadCases.RunAsync(bench)),
    ("backup", "backup", async () =>
    {
        var (result, time) = await BackupCases.BackupAsync(bench);
        backupTime = time;
        return result;
    }),
    ("restore", "restore", () => BackupCases.RestoreAsync(bench, backupTime)),
    ("purge", "purge", () => PurgeCase.RunAsync(bench)),
};
foreach (var (name, what, run) in cases.Where(c => options.Runs(c.Name)))
{
    BenchContext.Log($"Cas « {name} » : {what}");
    var watch = Stopwatch.StartNew();
    try
    {
        rows.AddRange(await run());
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        BenchContext.Log($"  ÉCHEC : {e}");
        rows.Add(ReportRow.Failed(what, "—", e));
    }
    BenchContext.Log($"  ({watch.Elapsed.TotalSeconds:0} s)");
}

await PerformanceReport.WriteAsync(options.Output, machine, options.CommandLine, [.. options.Describe(), ("data generated", dataset.Describe())],
    rows, bench.Notes, dataset.Elapsed, total.Elapsed);
Console.WriteLine();
foreach (var row in rows)
{
    Console.WriteLine($"{row.What} : {row.Measured} — cible {row.Target} — {row.Verdict}");
}
Console.WriteLine($"Rapport écrit dans {options.Output} ({total.Elapsed.TotalMinutes:0.0} min).");
return rows.Any(r => r.Measured.StartsWith("failed", StringComparison.Ordinal)) ? 1 : 0;
