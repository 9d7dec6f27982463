using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RegisFlow.Domain.Database;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Foundation;

public class HealthTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Health_says_healthy_with_the_measured_database_latency_and_the_figures_an_operator_needs()
    {
        await using var app = AppFactory.For(fixture);
        using var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal("healthy", root.GetProperty("database").GetProperty("status").GetString());
        Assert.True(root.GetProperty("database").GetProperty("latencyMs").GetDouble() > 0);
        Assert.True(root.GetProperty("memory").GetProperty("workingSetMb").GetInt64() > 0);
        Assert.True(root.GetProperty("disk").GetProperty("data").GetProperty("freeMb").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.True(root.TryGetProperty("uptimeSeconds", out _));
        Assert.True(root.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task Health_answers_503_within_5_seconds_when_the_database_stops_and_healthy_again_when_it_returns()
    {
        var root = Path.Combine(TestPostgres.RootDirectory, "health-" + Guid.NewGuid().ToString("N")[..8]);
        var server = await PrivatePostgresServer.StartAsync(root, null, "regisflow", NullLogger.Instance);
        try
        {
            await using var app = new AppFactory(new Dictionary<string, string?>
            {
                ["ConnectionStrings:RegisFlow"] = server.ConnectionString("regisflow"),
                ["RegisFlow:DataDirectory"] = fixture.DataDirectory,
            });
            var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

            await server.StopAsync();
            var watch = Stopwatch.StartNew();
            using var down = await client.GetAsync("/health");
            watch.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("\"unhealthy\"", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"/health took {watch.Elapsed.TotalSeconds:F1} s");

            server = await PrivatePostgresServer.StartAsync(root, null, "regisflow", NullLogger.Instance);
            using var back = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }
        finally
        {
            await server.StopAsync();
            Directory.Delete(root, recursive: true);
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
