using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Tests.Deployment;
using RegisFlow.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RegisFlow.Tests.Monitoring;

/// <summary>
/// The Grafana dashboard and its provisioning (docker/monitoring/grafana), as the compose file's "monitoring" profile
/// mounts them. Grafana itself cannot run here (no Debian package, no registry): what it would show is checked against
/// the series the real app exports.
/// </summary>
public partial class GrafanaDashboardTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const string CircuitsMeter = "Microsoft.AspNetCore.Components.Server.Circuits";
    private static readonly string Dashboard = Repository.PathOf("docker/monitoring/grafana/dashboards/regisflow.json");

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_one_the_app_exports()
    {
        var used = Queries().SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);
        await fixture.ResetAsync();
        await using var app = LiveApp.Start(fixture);

        await MetricsTests.RecordEveryKindOfEventAsync(app);
        // The error and alert counters appear with the first logged error and the first alert.
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RegisFlow.Tests").LogError("Erreur d'essai pour le tableau de bord");
        app.Services.GetRequiredService<RegisFlowMetrics>().AlertRaised(AlertKinds.BackupFailed);
        using var client = app.Client();
        var metrics = await client.GetStringAsync("/metrics");
        var exported = metrics.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);

        // Blazor's circuit gauges appear with the first circuit, which a scrape without a browser never has: those
        // must be instruments ASP.NET Core publishes (unit-less up-down counters: the name with '_' for '.').
        var missing = used.Except(exported).Order(StringComparer.Ordinal).ToList();
        var circuits = CircuitInstruments(app.Services).Select(name => name.Replace('.', '_')).ToList();
        output.WriteLine($"{used.Count} métriques interrogées par le tableau de bord, {used.Count - missing.Count} dans /metrics ; "
            + $"absentes sans circuit Blazor : {string.Join(", ", missing)} (instruments publiés : {string.Join(", ", circuits)})");
        Assert.True(used.Count >= 20, $"{used.Count} métriques lues dans le tableau de bord : {string.Join(", ", used)}");
        Assert.All(missing, name => Assert.True(circuits.Contains(name),
            $"Le tableau de bord interroge {name}, que l'application n'exporte pas (exportées : {string.Join(", ", exported.Order())})"));
    }

    [Fact]
    public void The_dashboard_reads_the_provisioned_datasource_from_the_folder_the_compose_file_mounts()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var root = dashboard.RootElement;
        Assert.Equal("regisflow", root.GetProperty("uid").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());

        var datasource = File.ReadAllText(Repository.PathOf("docker/monitoring/grafana/provisioning/datasources/prometheus.yml"));
        var uid = YamlValue(datasource, "uid");
        Assert.Equal("http://prometheus:9090", YamlValue(datasource, "url"));
        Assert.All(panels.Where(p => p.TryGetProperty("targets", out _)), panel =>
        {
            Assert.Equal(uid, panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.All(panel.GetProperty("targets").EnumerateArray(), t => Assert.Equal(uid, t.GetProperty("datasource").GetProperty("uid").GetString()));
        });

        // The provider's folder is where compose.yaml mounts docker/monitoring/grafana/dashboards, and the home
        // dashboard is this file there.
        var compose = File.ReadAllText(Repository.PathOf("docker/compose.yaml"));
        var mounted = Regex.Match(compose, @"- \./monitoring/grafana/dashboards:(\S+):ro").Groups[1].Value;
        var provider = YamlValue(File.ReadAllText(Repository.PathOf("docker/monitoring/grafana/provisioning/dashboards/regisflow.yml")), "path");
        Assert.Equal("/etc/grafana/dashboards", mounted);
        Assert.Equal(mounted, provider);
        Assert.Contains($"GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH: {mounted}/{Path.GetFileName(Dashboard)}", compose, StringComparison.Ordinal);
        Assert.Contains("- ./monitoring/grafana/provisioning:/etc/grafana/provisioning:ro", compose, StringComparison.Ordinal);
    }

    /// <summary>Every PromQL expression of the dashboard's panels.</summary>
    private static IEnumerable<string> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
    }

    /// <summary>The metric names of a PromQL expression: identifiers outside strings, label matchers, ranges and groupings, that are not functions or keywords.</summary>
    private static IEnumerable<string> MetricNames(string expression)
    {
        var bare = NotMetricNames().Replace(expression, " ");
        return Identifier().Matches(bare).Select(m => m.Groups[1].Value).Where(name => !Keywords.Contains(name));
    }

    private static readonly HashSet<string> Keywords = ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset"];

    private static List<string> CircuitInstruments(IServiceProvider services)
    {
        var names = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == CircuitsMeter)
                {
                    names.Add(instrument.Name);
                }
            },
        };
        // The app's circuit metrics, made as the first circuit would make them.
        var type = Type.GetType("Microsoft.AspNetCore.Components.Server.Circuits.CircuitMetrics, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        Assert.NotNull(services.GetService(type));
        listener.Start();
        return names;
    }

    private static string YamlValue(string yaml, string key) =>
        Regex.Match(yaml, $@"(?m)^\s*(?:- )?{key}:\s*(\S+)\s*$") is { Success: true } match ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"{key} absent de :\n{yaml}");

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|\\{[^}]*\\}|\\[[^\\]]*\\]|\\b(?:by|without|on|ignoring)\\s*\\([^)]*\\)")]
    private static partial Regex NotMetricNames();

    /// <summary>An identifier not followed by "(": a function call is not a metric.</summary>
    [GeneratedRegex(@"(?<![\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()")]
    private static partial Regex Identifier();
}
