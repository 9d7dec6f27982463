using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RegisFlow.Tests.Browser;

namespace RegisFlow.Tests.Https;

/// <summary>
/// The app as built (<c>dotnet RegisFlow.Web.dll</c> from its build folder) in Production, in its own process and data
/// folder: which addresses it listens on is decided by the process's environment, arguments and appsettings.json, which the
/// in-process host of the other tests replaces. With <c>ownNetwork</c> it runs in a network namespace of its own (root
/// only), where it may take ports 5000 and 5001 without disturbing anything else on the machine.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopBound = TimeSpan.FromMinutes(1);

    /// <summary>Settings of the test run's own environment that would decide for the app.</summary>
    private static readonly string[] Inherited =
    [
        "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT",
        "DOTNET_ENVIRONMENT", "ConnectionStrings__RegisFlow", "DATABASE_URL", "LAN_HTTPS", "LAN_HTTPS_NAMES",
    ];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string DataDirectory { get; }
    public int ProcessId => _process.Id;
    public string AuthorityCertificatePath => Path.Combine(DataDirectory, "https", "ca.crt");

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

    /// <summary>The addresses of the "Now listening on" lines, in order.</summary>
    public IReadOnlyList<string> ListeningAddresses => [.. ListeningLine().Matches(Output).Select(m => m.Groups[1].Value.Trim())];

    /// <summary>Starts the app and waits until it says it has started (its addresses are then bound).</summary>
    public static async Task<AppProcess> StartAsync(string[] arguments, IReadOnlyDictionary<string, string> settings, bool ownNetwork = false)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "regisflow-listen-" + Guid.NewGuid().ToString("N")[..8]);
        var appDirectory = BuildDirectory();
        var start = ownNetwork
            // The loopback interface of a new namespace starts down.
            ? new ProcessStartInfo("unshare", ["--net", "--", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"", "dotnet", "RegisFlow.Web.dll", .. arguments])
            : new ProcessStartInfo("dotnet", ["RegisFlow.Web.dll", .. arguments]);
        start.WorkingDirectory = appDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["REGISFLOW_DATA_DIR"] = dataDirectory;
        start.Environment["SESSION_SECRET"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        start.Environment["BACKUP_ENCRYPTION_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        start.Environment["PHOTO_ENCRYPTION_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        start.Environment["RegisFlow__Jobs__RunServer"] = "false";
        start.Environment["LOG_FORMAT"] = "text";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        var app = new AppProcess(Process.Start(start)!, dataDirectory);
        await app.WaitForStartAsync();
        return app;
    }

    /// <summary>curl run inside the app's network namespace (the only way in when the app has its own network).</summary>
    public async Task<string> CurlInItsNetworkAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("nsenter", ["-t", _process.Id.ToString(CultureInfo.InvariantCulture), "-n", "curl", "-sS", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var curl = Process.Start(start)!;
        var output = curl.StandardOutput.ReadToEndAsync();
        var error = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        return curl.ExitCode == 0 ? await output : throw new Xunit.Sdk.XunitException($"curl {string.Join(' ', arguments)} : {await error}");
    }

    /// <summary>SIGTERM, as Ctrl+C or a service manager sends it: the app stops its private PostgreSQL too.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(StopBound);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await StopOrphanedPostgresAsync();
            }
        }
        _process.Dispose();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>A private PostgreSQL (a detached server) whose app was killed must not outlive the test.</summary>
    private async Task StopOrphanedPostgresAsync()
    {
        var pidFile = Path.Combine(DataDirectory, "postgres", "postmaster.pid");
        if (File.Exists(pidFile) && (await File.ReadAllLinesAsync(pidFile)).FirstOrDefault() is { Length: > 0 } pid)
        {
            using var kill = Process.Start("kill", ["-QUIT", pid.Trim()]);
            await kill.WaitForExitAsync();
        }
    }

    private async Task WaitForStartAsync()
    {
        var deadline = DateTime.UtcNow + StartBound;
        while (!Output.Contains("Application started.", StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"L'application n'a pas démarré :\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>RegisFlow.Web's own build output, of the configuration these tests were built in.</summary>
    private static string BuildDirectory()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(RunAppProcess.RepositoryRoot, "RegisFlow.Web", "bin", tests.Parent!.Name, tests.Name);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [GeneratedRegex("Now listening on: (\\S+)")]
    private static partial Regex ListeningLine();
}
