using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RegisFlow.Tests.Browser;

/// <summary>
/// The README's start command, <c>scripts/run-app.sh</c>, run as a user runs it (Production, no database configured,
/// so with its own private PostgreSQL) in a new data folder, on a free loopback port.
/// </summary>
public sealed class RunAppProcess : IAsyncDisposable
{
    // Publishing the app on a busy 2-core machine, then starting PostgreSQL and migrating.
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StopBound = TimeSpan.FromMinutes(1);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunAppProcess(Process process, string dataDirectory, string baseUrl)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string DataDirectory { get; }
    public string BaseUrl { get; }
    public int Port => new Uri(BaseUrl).Port;
    public int ProcessId => _process.Id;

    /// <summary>What the script and the app printed so far (stdout and stderr, in order of arrival).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>A first start in a new data folder; or, given the folder and port of a stopped one, the same app started again.</summary>
    public static async Task<RunAppProcess> StartAsync(string? dataDirectory = null, int? port = null)
    {
        port ??= FreePort();
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "regisflow-run-app-" + Guid.NewGuid().ToString("N")[..8]);
        // As from a terminal, where Ctrl+C reaches the app: a test run started in the background (CI, nohup … &) inherits
        // SIGINT ignored, and an ignored signal stays ignored through bash and the exec of the app.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "bash", "scripts/run-app.sh", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Nothing of the test run's own environment decides how the app starts: a user's shell has none of it.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ConnectionStrings__RegisFlow", "DATABASE_URL",
                     "BACKUP_ENCRYPTION_KEY", "PHOTO_ENCRYPTION_KEY", "SESSION_SECRET", "ASPNETCORE_URLS", "LOG_FORMAT" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["REGISFLOW_DATA_DIR"] = dataDirectory;
        var app = new RunAppProcess(Process.Start(start)!, dataDirectory, $"http://127.0.0.1:{port}");
        await app.WaitUntilAnsweringAsync();
        return app;
    }

    /// <summary>SIGTERM as a service manager sends it (or SIGINT, Ctrl+C in a terminal), then waits for the process to end.</summary>
    public async Task<int> StopAsync(string signal = "TERM")
    {
        using (var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(StopBound);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary><see cref="StopAsync"/>, failing with the end of what the app printed when it does not exit with code 0.</summary>
    public async Task StopCleanlyAsync(string signal = "TERM")
    {
        var code = await StopAsync(signal);
        if (code != 0)
        {
            var lines = Output.Split('\n');
            throw new Xunit.Sdk.XunitException($"Code de sortie {code} après SIG{signal} ; fin de la sortie :\n{string.Join('\n', lines.TakeLast(80))}");
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartBound;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"scripts/run-app.sh s'est arrêté (code {_process.ExitCode}) :\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"L'application ne répond pas après {StartBound} :\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>After a failed test killed the app, its PostgreSQL (a detached server) must not outlive the run.</summary>
    private async Task StopOrphanedPostgresAsync()
    {
        var pidFile = Path.Combine(DataDirectory, "postgres", "postmaster.pid");
        if (File.Exists(pidFile) && (await File.ReadAllLinesAsync(pidFile)).FirstOrDefault() is { Length: > 0 } pid)
        {
            using var kill = Process.Start("kill", ["-QUIT", pid.Trim()]);
            await kill.WaitForExitAsync();
            await Task.Delay(1000);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "run-app.sh")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("scripts/run-app.sh introuvable au-dessus de " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            await StopOrphanedPostgresAsync();
        }
        _process.Dispose();
        // The private PostgreSQL server runs as the "postgres" user when the tests run as root: its files are not ours to keep.
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
