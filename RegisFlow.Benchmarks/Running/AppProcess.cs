using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using RegisFlow.Domain.Photos;

namespace RegisFlow.Benchmarks.Running;

/// <summary>
/// The published app (<c>dotnet RegisFlow.Web.dll</c>) in Production on a free loopback port, on the benchmark's database,
/// with its own data folder (backups) and secrets; its output goes to a log file. Stopped by its own process id.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, string baseUrl, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        BaseUrl = baseUrl;
        Environment = environment;
        Memory = new ProcessMemory(process.Id);
    }

    public string BaseUrl { get; }
    public ProcessMemory Memory { get; }

    /// <summary>The app's configuration, for the restore command run beside it.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static async Task<AppProcess> StartAsync(string appDll, string connectionString, string dataDirectory, string logFile, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__RegisFlow"] = connectionString,
            ["REGISFLOW_DATA_DIR"] = dataDirectory,
            ["BACKUP_ENCRYPTION_KEY"] = Secret(Path.Combine(dataDirectory, "backup-encryption.key"), 32),
            [PhotoKey.EnvironmentKey] = Secret(PhotoKeyFile(dataDirectory), 32),
            ["SESSION_SECRET"] = Secret(Path.Combine(dataDirectory, "session.secret"), 48),
            // The scheduled backup (00:00 and 12:00) must not run in the middle of a figure; the buttons run their job themselves.
            ["RegisFlow__Jobs__RunServer"] = "false",
        };
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };
        foreach (var argument in new[] { appDll, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Impossible de lancer l'application.");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, $"http://127.0.0.1:{port}", environment);
        await app.WaitHealthyAsync(logFile, ct);
        return app;
    }

    private async Task WaitHealthyAsync(string logFile, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"L'application s'est arrêtée au démarrage (code {_process.ExitCode}) : voir {logFile}.");
            }
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health", ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Still starting.
            }
            await Task.Delay(500, ct);
        }
        throw new TimeoutException($"L'application ne répond pas sur {BaseUrl}/health : voir {logFile}.");
    }

    /// <summary>The photo key the app started on <paramref name="dataDirectory"/> uses: the data generator encrypts with it.</summary>
    public static PhotoKey PhotoKeyFor(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return PhotoKey.Parse(Secret(PhotoKeyFile(dataDirectory), 32));
    }

    private static string PhotoKeyFile(string dataDirectory) => Path.Combine(dataDirectory, PhotoKey.GeneratedKeyFileName);

    private static string Secret(string file, int bytes)
    {
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)));
        }
        return File.ReadAllText(file).Trim();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
