using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Monitoring;
using RegisFlow.Web.Health;

namespace RegisFlow.Tests.Foundation;

public class HealthTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Health_tells_anonymous_callers_only_the_status_and_administrators_the_figures_an_operator_needs()
    {
        await fixture.ResetAsync();
        await using var app = TestAuthentication.Use(new AppFactory(new Dictionary<string, string?>(AppFactory.Settings(fixture))
        {
            ["MONITORING_NETWORKS"] = "10.99.0.0/16",
        })).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(fixture.Clock)));
        using var client = app.CreateClient();

        using (var anonymous = JsonDocument.Parse(await client.GetStringAsync("/health")))
        {
            Assert.Equal(["status", "timestamp"], anonymous.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("healthy", anonymous.RootElement.GetProperty("status").GetString());
        }
        using (var manager = await client.SendAsync(TestAuthentication.Get("/health", TestAuthentication.WithRole(UserRole.Manager))))
        {
            Assert.DoesNotContain("\"database\"", await manager.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var response = await client.SendAsync(TestAuthentication.Get("/health", TestAuthentication.WithRole(UserRole.Admin)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal("healthy", root.GetProperty("database").GetProperty("status").GetString());
        Assert.True(root.GetProperty("database").GetProperty("latencyMs").GetDouble() > 0);
        Assert.True(root.GetProperty("memory").GetProperty("workingSetMb").GetInt64() > 0);
        Assert.True(root.GetProperty("disk").GetProperty("data").GetProperty("freeMb").GetInt64() > 0);
        Assert.Equal("aucune", root.GetProperty("jobs").GetProperty("lastBackup").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.True(root.TryGetProperty("uptimeSeconds", out _));
    }

    [Fact]
    public async Task When_the_database_stops_health_turns_503_while_liveness_and_the_container_check_stay_up_and_it_recovers()
    {
        var root = Path.Combine(TestPostgres.RootDirectory, "health-" + Guid.NewGuid().ToString("N")[..8]);
        var server = await PrivatePostgresServer.StartAsync(root, null, "regisflow", NullLogger.Instance);
        try
        {
            await using var app = LiveApp.Start(fixture, new Dictionary<string, string?>
            {
                ["ConnectionStrings:RegisFlow"] = server.ConnectionString("regisflow"),
            }, fakeClock: false);
            using var client = app.Client();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

            await server.StopAsync();
            // The shared result is recomputed every 5 s: wait for it, bounded.
            var down = await WaitForStatusAsync(client, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("\"unhealthy\"", down, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoint.LivePath)).StatusCode);
            Assert.Equal(0, await HealthCheckCommand.RunAsync(["healthcheck", new Uri(app.BaseUrl, HealthEndpoint.LivePath).ToString()]));

            server = await PrivatePostgresServer.StartAsync(root, null, "regisflow", NullLogger.Instance);
            await WaitForStatusAsync(client, HttpStatusCode.OK);
        }
        finally
        {
            await server.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<string> WaitForStatusAsync(HttpClient client, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync("/health");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == expected)
            {
                return body;
            }
            Assert.True(DateTime.UtcNow < deadline, $"/health still answers {(int)response.StatusCode} : {body}");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task With_DATABASE_URL_the_app_uses_that_server_and_starts_none_of_its_own()
    {
        var url = $"postgres://{PrivatePostgresServer.SuperUser}:{TestPostgres.Server.Password}@127.0.0.1:{TestPostgres.Server.Port}/{fixture.DatabaseName}";
        await using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = url,
            ["RegisFlow:DataDirectory"] = fixture.DataDirectory,
        });
        using var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = app.Services.GetRequiredService<DatabaseConnection>();
        Assert.False(connection.IsPrivateServer);
        Assert.Null(app.Services.GetService<PrivatePostgresLifetime>());
        Assert.False(Directory.Exists(Path.Combine(fixture.DataDirectory, "postgres")));
    }

    [Theory]
    [InlineData("postgres://shop:s%40cret@db.local:5433/regisflow", "db.local", 5433, "shop", "s@cret", "regisflow")]
    [InlineData("postgresql://u:p@localhost/reg", "localhost", 5432, "u", "p", "reg")]
    public void DATABASE_URL_is_read_like_the_seed_env_file_writes_it(string url, string host, int port, string user, string password, string database)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(url));
        Assert.Equal((host, port, user, password, database), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
    }
}
