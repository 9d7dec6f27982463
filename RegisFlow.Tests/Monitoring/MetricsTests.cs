using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Purge;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Sales;

namespace RegisFlow.Tests.Monitoring;

public class MetricsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task After_a_sale_an_export_a_backup_and_a_purge_the_metrics_hold_their_series_and_the_platform_ones()
    {
        await fixture.ResetAsync();
        await using var app = LiveApp.Start(fixture);
        await RecordEveryKindOfEventAsync(app);
        using var client = app.Client();
        var metrics = await client.GetStringAsync("/metrics");

        AssertSeries(metrics, "regisflow_sales_recorded_total{", "store=\"Magasin Principal\",store_id=\"1\"");
        AssertSeries(metrics, "regisflow_exports_total{", "format=\"csv\",outcome=\"succeeded\"");
        AssertSeries(metrics, "regisflow_job_duration_seconds_count{", "job_name=\"backup\",outcome=\"succeeded\"");
        AssertSeries(metrics, "regisflow_job_duration_seconds_count{", "job_name=\"purge\",outcome=\"succeeded\"");
        AssertSeries(metrics, "regisflow_backup_last_success_age_seconds", "");
        AssertSeries(metrics, "regisflow_disk_free_bytes{", "folder=\"backups\"");
        foreach (var series in new[]
        {
            "http_server_request_duration_seconds_bucket{", // request rate and latency
            "process_cpu_time_seconds_total", "process_memory_usage_bytes", "regisflow_memory_limit_bytes",
            "dotnet_gc_collections_total", "dotnet_gc_pause_time_seconds_total",
            "db_client_connection_count", "db_client_connection_max", // Npgsql's pool
        })
        {
            Assert.Contains(series, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_and_health_details_are_refused_outside_the_monitoring_networks_unless_the_token_is_given()
    {
        await using var app = LiveApp.Start(fixture, new Dictionary<string, string?>
        {
            ["MONITORING_NETWORKS"] = "10.99.0.0/16",
            ["MONITORING_TOKEN"] = "jeton-de-supervision",
        });

        using (var anonymous = app.Client())
        {
            using var refused = await anonymous.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("process_cpu", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var health = JsonDocument.Parse(await anonymous.GetStringAsync("/health"));
            Assert.Equal(["status", "timestamp"], health.RootElement.EnumerateObject().Select(p => p.Name));
        }
        using (var wrongToken = app.Client(("Authorization", "Bearer autre-jeton")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await wrongToken.GetAsync("/metrics")).StatusCode);
        }
        using var withToken = app.Client(("Authorization", "Bearer jeton-de-supervision"));
        using var allowed = await withToken.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("process_cpu_time_seconds_total", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var details = JsonDocument.Parse(await withToken.GetStringAsync("/health"));
        Assert.True(details.RootElement.TryGetProperty("database", out _));
    }

    /// <summary>A sale recorded, an export served, a backup made and a purge run: what the register's own series count.</summary>
    internal static async Task RecordEveryKindOfEventAsync(LiveApp app)
    {
        var services = app.Services;
        var employee = new Caller(1, "admin", "Administrateur", UserRole.Employee, 1);
        await services.GetRequiredService<SaleService>().CreateAsync(employee, null, SaleSamples.ValidInput(), SaleSamples.Photos());
        var admin = TestAuthentication.WithRole(UserRole.Admin);
        using var client = app.Client();
        using (var export = TestAuthentication.Get("/exports/csv", admin))
        {
            using var response = await client.SendAsync(export);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
        }
        await services.GetRequiredService<BackupService>().CreateScheduledAsync();
        await services.GetRequiredService<PurgeService>().RunScheduledAsync();
    }

    private static void AssertSeries(string metrics, string name, string labels) =>
        Assert.True(metrics.Split('\n').Any(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(labels, StringComparison.Ordinal)),
            $"Pas de série {name} avec {labels} dans :\n{metrics}");
}
