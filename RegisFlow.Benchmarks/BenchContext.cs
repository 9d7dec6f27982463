using System.Diagnostics;
using System.Net;
using RegisFlow.Benchmarks.Data;
using RegisFlow.Benchmarks.Report;
using RegisFlow.Benchmarks.Running;

namespace RegisFlow.Benchmarks;

/// <summary>What every case needs: the sizes, the running app, the browser, the database and the generated data.</summary>
internal sealed class BenchContext(BenchOptions options, AppProcess app, BrowserSession browser, string connectionString, LoadedDataset dataset)
{
    public BenchOptions Options => options;
    public AppProcess App => app;
    public BrowserSession Browser => browser;
    public string ConnectionString => connectionString;
    public LoadedDataset Dataset => dataset;
    public string FilesDirectory => Path.Combine(options.WorkDirectory, "files");
    public string BackupDirectory => Path.Combine(options.WorkDirectory, "app-data", "backups");
    public List<string> Notes { get; } = [];

    public static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>An HTTP client signed in as the benchmark's administrator (the browser's session cookie).</summary>
    public async Task<HttpClient> AdminHttpAsync()
    {
        var cookies = await browser.CookiesAsync(DataLoader.AdminUserName, DataLoader.Password);
        return new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(app.BaseUrl),
            Timeout = TimeSpan.FromMinutes(30),
        };
    }

    /// <summary>Runs <paramref name="once"/> <paramref name="count"/> times; each run returns its own figure.</summary>
    public static async Task<Samples> RepeatAsync(int count, Unit unit, Func<int, Task<double>> once)
    {
        var samples = new Samples(unit);
        for (var i = 0; i < count; i++)
        {
            samples.Add(await once(i));
        }
        return samples;
    }

    public static double Ms(Stopwatch watch) => watch.Elapsed.TotalMilliseconds;
}
