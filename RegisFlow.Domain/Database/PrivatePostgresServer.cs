using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RegisFlow.Domain.Database;

/// <summary>
/// A PostgreSQL server owned by the app, used when no server is configured. Its data folder persists between
/// runs; it listens on loopback only, with a password generated on first start (SCRAM), and is stopped with the app.
/// A server left running by a crashed run is found through postmaster.pid and reused.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    public const string SuperUser = "regisflow";

    private readonly string _binDirectory;
    private readonly string? _runAsUser;
    private readonly ILogger _logger;
    private int _stopped;

    private PrivatePostgresServer(string rootDirectory, string binDirectory, string? runAsUser, ILogger logger)
    {
        RootDirectory = rootDirectory;
        _binDirectory = binDirectory;
        _runAsUser = runAsUser;
        _logger = logger;
    }

    public string RootDirectory { get; }
    public string DataDirectory => Path.Combine(RootDirectory, "postgres");
    private string PasswordFile => Path.Combine(RootDirectory, "postgres.password");

    /// <summary>The port of the last start, reused when free so the address stays stable between runs.</summary>
    private string PortFile => Path.Combine(RootDirectory, "postgres.port");
    public int Port { get; private set; }

    /// <summary>The server was already running when this process looked for it (another process's, or a crashed run's).</summary>
    public bool WasAlreadyRunning { get; private set; }
    public string Password { get; private set; } = "";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Initialises (first time), starts or reuses the server in <paramref name="rootDirectory"/>, and makes sure <paramref name="database"/> exists.</summary>
    public static async Task<PrivatePostgresServer> StartAsync(string rootDirectory, string? binDirectory, string database, ILogger logger, CancellationToken ct = default)
    {
        var bin = FindBinDirectory(binDirectory) ?? throw new PostgresNotFoundException();
        var runAsUser = Environment.UserName == "root" ? UnprivilegedUser() : null;
        var server = new PrivatePostgresServer(Path.GetFullPath(rootDirectory), bin, runAsUser, logger);
        await server.InitialiseIfNeededAsync(ct);
        await server.StartOrReuseAsync(ct);
        await server.CreateDatabaseIfMissingAsync(database, ct);
        return server;
    }

    public static string? FindBinDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServerBinaries(configured) ? configured : null;
        }
        var debianVersions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(HasServerBinaries)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            : Enumerable.Empty<string>();
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(HasServerBinaries);
        return debianVersions.Concat(onPath).FirstOrDefault();
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")) && File.Exists(Path.Combine(directory, "postgres"));

    /// <summary>initdb refuses root: the server runs as "postgres" when the package created it, else as "nobody".</summary>
    private static string UnprivilegedUser() =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    private async Task InitialiseIfNeededAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(RootDirectory);
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            if (!File.Exists(PasswordFile))
            {
                throw new InvalidOperationException($"Le mot de passe du serveur PostgreSQL privé est introuvable ({PasswordFile}).");
            }
            Password = (await File.ReadAllTextAsync(PasswordFile, ct)).Trim();
            return;
        }

        _logger.LogInformation("Création du serveur PostgreSQL privé dans {DataDirectory}", DataDirectory);
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(PasswordFile, Password, ct);
        File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Directory.CreateDirectory(DataDirectory);
        var passwordForInitdb = Path.Combine(RootDirectory, "initdb.pw");
        await File.WriteAllTextAsync(passwordForInitdb, Password, ct);
        File.SetUnixFileMode(passwordForInitdb, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await GiveToServerUserAsync(passwordForInitdb, ct);
        try
        {
            var result = await RunAsync("initdb", ["-D", DataDirectory, "-U", SuperUser, "--auth=scram-sha-256", $"--pwfile={passwordForInitdb}", "-E", "UTF8", "--locale=C.UTF-8"], ct);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb a échoué ({DataDirectory}) : {result.Output}");
            }
        }
        catch
        {
            Directory.Delete(DataDirectory, recursive: true);
            File.Delete(PasswordFile);
            throw;
        }
        finally
        {
            File.Delete(passwordForInitdb);
        }
    }

    private async Task GiveToServerUserAsync(string passwordForInitdb, CancellationToken ct)
    {
        if (_runAsUser is null)
        {
            return;
        }
        // The server user must reach its data folder: parents need the execute bit for others.
        File.SetUnixFileMode(RootDirectory, File.GetUnixFileMode(RootDirectory) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        var result = await ProcessRunner.RunAsync("chown", ["-R", $"{_runAsUser}:", DataDirectory, passwordForInitdb], null, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Impossible de donner {DataDirectory} à l'utilisateur {_runAsUser} : {result.Output}");
        }
        File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task StartOrReuseAsync(CancellationToken ct)
    {
        var status = await RunAsync("pg_ctl", ["status", "-D", DataDirectory], ct);
        if (status.ExitCode == 0 && ReadRunningPort() is { } runningPort)
        {
            Port = runningPort;
            WasAlreadyRunning = true;
            _logger.LogWarning("Un serveur PostgreSQL privé déjà en marche a été trouvé (port {Port}) : il est utilisé", Port);
            return;
        }

        Port = PreviousPortIfFree() ?? FreeLoopbackPort();
        await StartOnPortAsync(ct);
        await File.WriteAllTextAsync(PortFile, Port.ToString(CultureInfo.InvariantCulture), ct);
    }

    private async Task StartOnPortAsync(CancellationToken ct)
    {
        var serverOptions = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            + $"-c max_connections={PostgresMemorySettings.MaxConnections} {PostgresMemorySettings.ForThisMachine().ServerOptions()}";
        var start = await RunAsync("pg_ctl", ["start", "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60", "-o", serverOptions], ct);
        if (start.ExitCode != 0)
        {
            var log = Path.Combine(DataDirectory, "server.log");
            throw new InvalidOperationException($"Le serveur PostgreSQL privé n'a pas démarré : {start.Output} (journal : {log})");
        }
        _logger.LogInformation("Serveur PostgreSQL privé démarré sur 127.0.0.1:{Port}, données dans {DataDirectory}", Port, DataDirectory);
    }

    /// <summary>
    /// Starts the server again after <see cref="StopAsync"/>, on the same port, so that the connection strings already
    /// handed out work again (an outage and its end, as the tests of "nothing lost" need).
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StartOnPortAsync(ct);
        Interlocked.Exchange(ref _stopped, 0);
    }

    /// <summary>Line 1 of postmaster.pid is the server's process id.</summary>
    private int? ReadPostmasterPid()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
            return lines.Length > 0 && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// pg_ctl returns once postmaster.pid is gone, which the server removes just before its process ends: waiting for the
    /// process itself means a start that follows finds the port and the data folder free.
    /// </summary>
    private static async Task WaitForExitAsync(int? pid)
    {
        if (pid is null)
        {
            return;
        }
        var waited = Stopwatch.StartNew();
        while (IsRunning(pid.Value) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }
    }

    /// <summary>A process that has ended but is not yet reaped by its parent ("Z" in /proc/pid/stat) holds nothing.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
            return state.Length > 0 && state[0] != 'Z' && state[0] != 'X';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Line 4 of postmaster.pid is the port of the running server.</summary>
    private int? ReadRunningPort()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port) ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task CreateDatabaseIfMissingAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var postmaster = ReadPostmasterPid();
        var result = await RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], CancellationToken.None);
        if (result.ExitCode == 0)
        {
            await WaitForExitAsync(postmaster);
            _logger.LogInformation("Serveur PostgreSQL privé arrêté");
        }
        else
        {
            _logger.LogError("Arrêt du serveur PostgreSQL privé impossible : {Output}", result.Output);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken ct) =>
        ProcessRunner.RunAsync(Path.Combine(_binDirectory, program), arguments, _runAsUser, ct);

    private int? PreviousPortIfFree()
    {
        if (!File.Exists(PortFile) || !int.TryParse(File.ReadAllText(PortFile).Trim(), CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return port;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
