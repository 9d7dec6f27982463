using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Deployment;

/// <summary>
/// One deployment of docker/compose.yaml under podman, as an operator makes it: an env file copied from
/// docker/.env.production.example with the secrets filled in, started and stopped by scripts/podman-compose.sh.
/// Its own project name, ports and network, so that it never meets another run's containers.
/// </summary>
public sealed partial class PodmanStack : IAsyncDisposable
{
    /// <summary>Every test deployment's project name starts with it (leftovers of a killed run are found by it).</summary>
    public const string ProjectPrefix = "rftest";

    private static readonly TimeSpan ComposeBound = TimeSpan.FromMinutes(6);
    private static readonly IReadOnlyDictionary<string, string> PodmanEnvironment = new Dictionary<string, string>
    {
        ["CONTAINERS_CONF"] = Repository.PathOf("docker/local-images/containers.conf"),
    };

    private PodmanStack(string project, string envFile, int appPort, int proxyPort, int prometheusPort, int databasePort, string databasePassword)
    {
        Project = project;
        EnvFile = envFile;
        AppUrl = $"http://127.0.0.1:{appPort}";
        ProxyUrl = $"http://127.0.0.1:{proxyPort}";
        PrometheusUrl = $"http://127.0.0.1:{prometheusPort}";
        DatabasePort = databasePort;
        DatabasePassword = databasePassword;
    }

    public string Project { get; }
    public string EnvFile { get; }
    public string AppUrl { get; }
    public string ProxyUrl { get; }
    public string PrometheusUrl { get; }
    public int DatabasePort { get; }
    public string DatabasePassword { get; }
    public string DatabaseContainer => Project + "-db";

    /// <summary>A new deployment's env file: the example's settings, fresh secrets, free ports, <paramref name="settings"/> on top.</summary>
    public static async Task<PodmanStack> CreateAsync(IReadOnlyDictionary<string, string> settings)
    {
        var images = await PodmanImages.GetAsync();
        await RemoveLeftoversAsync();
        var project = ProjectPrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var subnet = await FreeSubnetAsync();
        var (appPort, proxyPort, prometheusPort, grafanaPort, databasePort) = (FreePort(), FreePort(), FreePort(), FreePort(), FreePort());
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var values = new Dictionary<string, string>(images)
        {
            ["POSTGRES_PASSWORD"] = password,
            ["SESSION_SECRET"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["BACKUP_ENCRYPTION_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PHOTO_ENCRYPTION_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["COMPOSE_PROJECT_NAME"] = project,
            ["DB_CONTAINER_NAME"] = project + "-db",
            ["REGISFLOW_PORT"] = appPort.ToString(CultureInfo.InvariantCulture),
            ["PROXY_PORT"] = proxyPort.ToString(CultureInfo.InvariantCulture),
            ["PROMETHEUS_PORT"] = prometheusPort.ToString(CultureInfo.InvariantCulture),
            ["GRAFANA_PORT"] = grafanaPort.ToString(CultureInfo.InvariantCulture),
            ["POSTGRES_PORT"] = databasePort.ToString(CultureInfo.InvariantCulture),
            ["REGISFLOW_SUBNET"] = subnet,
            ["TRUSTED_PROXIES"] = subnet,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var lines = (await File.ReadAllLinesAsync(Repository.PathOf("docker/.env.production.example"))).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (SettingLine().Match(lines[i]) is { Success: true } setting && values.Remove(setting.Groups[1].Value, out var value))
            {
                lines[i] = $"{setting.Groups[1].Value}={value}";
            }
        }
        lines.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
        var envFile = Path.Combine(TestPostgres.RootDirectory, project + ".env");
        await File.WriteAllLinesAsync(envFile, lines);
        return new PodmanStack(project, envFile, appPort, proxyPort, prometheusPort, databasePort, password);
    }

    /// <summary>
    /// Starts the deployment (the services of its profiles, or only <paramref name="services"/> and their dependencies)
    /// and returns how long the app took from there to answer /health with 200.
    /// </summary>
    public async Task<TimeSpan> UpAsync(string healthUrl, params string[] services)
    {
        var started = Stopwatch.StartNew();
        await ComposeAsync(["up", .. services]);
        await WaitForHealthAsync(healthUrl);
        return started.Elapsed;
    }

    public Task DownAsync(bool removeVolumes = false) => ComposeAsync(removeVolumes ? ["down", "-v"] : ["down"]);

    /// <summary>The container of a compose service (podman-compose names it project_service_1).</summary>
    public async Task<string> ContainerAsync(string service) =>
        (await PodmanAsync("ps", "-a", "--filter", $"label=io.podman.compose.project={Project}",
            "--filter", $"label=com.docker.compose.service={service}", "--format", "{{.Names}}")).Trim();

    public Task<string> PodmanAsync(params string[] arguments) =>
        Command.SucceedAsync("podman", arguments, ComposeBound, PodmanEnvironment);

    public static Task<CommandResult> TryPodmanAsync(params string[] arguments) =>
        Command.RunAsync("podman", arguments, ComposeBound, PodmanEnvironment);

    /// <summary>Runs a command in a service's container, as the container's own user.</summary>
    public async Task<CommandResult> ExecAsync(string service, params string[] command) =>
        await TryPodmanAsync(["exec", await ContainerAsync(service), .. command]);

    /// <summary>One value from the deployment's database, through psql inside the database container.</summary>
    public async Task<string> QueryAsync(string sql) =>
        (await PodmanAsync("exec", DatabaseContainer, "psql", "-U", "regisflow", "-d", "regisflow", "-tAc", sql)).Trim();

    /// <summary>The files of one of the deployment's named volumes, as they are on this machine's disk.</summary>
    public async Task<IReadOnlyList<string>> FilesInVolumeAsync(string volume)
    {
        var mountpoint = (await PodmanAsync("volume", "inspect", $"{Project}_{volume}", "--format", "{{.Mountpoint}}")).Trim();
        return [.. Directory.GetFiles(mountpoint).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
    }

    /// <summary>Waits for 200 from <paramref name="url"/>: the bound is that of a cold start on a busy 2-core machine.</summary>
    public static async Task WaitForHealthAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(url));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new Xunit.Sdk.XunitException($"{url} ne répond pas 200 après 3 minutes ({last}).");
    }

    /// <summary>The last lines each container of the deployment printed: for the output of a failed test.</summary>
    public async Task<string> RecentLogsAsync()
    {
        var names = (await PodmanAsync("ps", "-a", "--filter", $"label=io.podman.compose.project={Project}", "--format", "{{.Names}}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var logs = new List<string>();
        foreach (var name in names)
        {
            var result = await TryPodmanAsync("logs", "--tail", "25", name);
            logs.Add($"--- {name}\n{result.All}");
        }
        return string.Join('\n', logs);
    }

    /// <summary>Waits until the container's own health check (the image's HEALTHCHECK) succeeds; podman runs it on demand here.</summary>
    public async Task WaitHealthyAsync(string service)
    {
        var container = await ContainerAsync(service);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await TryPodmanAsync("healthcheck", "run", container)).ExitCode != 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{container} n'est pas en bonne santé après 3 minutes.");
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Containers, volumes and network of this deployment are removed; the images stay (they are the cache).</summary>
    public async ValueTask DisposeAsync()
    {
        await ComposeAsync("down", "-v");
        File.Delete(EnvFile);
    }

    private Task ComposeAsync(params string[] arguments) =>
        Command.SucceedAsync(Repository.PathOf("scripts/podman-compose.sh"), [EnvFile, .. arguments], ComposeBound);

    /// <summary>A run killed before its clean-up leaves containers, pods, volumes and networks named rftest…: removed here.</summary>
    private static async Task RemoveLeftoversAsync()
    {
        foreach (var (kind, listing) in new[]
        {
            ("container", new[] { "ps", "-a", "--format", "{{.Names}}" }),
            ("pod", new[] { "pod", "ps", "--format", "{{.Name}}" }),
            ("volume", new[] { "volume", "ls", "--format", "{{.Name}}" }),
            ("network", new[] { "network", "ls", "--format", "{{.Name}}" }),
        })
        {
            var names = (await TryPodmanAsync(listing)).Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(n => n.StartsWith(ProjectPrefix, StringComparison.Ordinal))
                .ToList();
            if (names.Count > 0)
            {
                await TryPodmanAsync([kind, "rm", "--force", .. names]);
            }
        }
    }

    private static async Task<string> FreeSubnetAsync()
    {
        var used = (await TryPodmanAsync("network", "inspect", "--all", "--format", "{{range .Subnets}}{{.Subnet}} {{end}}")).Output;
        var third = Enumerable.Range(100, 150).OrderBy(_ => RandomNumberGenerator.GetInt32(1000))
            .First(n => !used.Contains($"172.30.{n}.", StringComparison.Ordinal));
        return $"172.30.{third}.0/24";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex SettingLine();
}
