using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RegisFlow.Domain.Database;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Foundation;

public sealed class PrivatePostgresServerTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(TestPostgres.RootDirectory, "private-" + Guid.NewGuid().ToString("N")[..8]);

    private Task<PrivatePostgresServer> StartAsync() =>
        PrivatePostgresServer.StartAsync(_root, null, "regisflow", NullLogger.Instance);

    [Fact]
    public async Task What_was_registered_yesterday_is_there_today_on_the_same_port()
    {
        var first = await StartAsync();
        await Execute(first.ConnectionString("regisflow"), "CREATE TABLE yesterday (note text); INSERT INTO yesterday VALUES ('vente du jour')");
        var port = first.Port;
        await first.StopAsync();
        Assert.Equal(0, CountServerProcesses());

        var second = await StartAsync();
        try
        {
            Assert.Equal(port, second.Port);
            Assert.Equal("vente du jour", await Scalar(second.ConnectionString("regisflow"), "SELECT note FROM yesterday"));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only_and_refuses_a_connection_without_the_password()
    {
        var server = await StartAsync();
        try
        {
            Assert.Equal("127.0.0.1", await Scalar(server.ConnectionString("regisflow"), "SHOW listen_addresses"));
            Assert.Equal("scram-sha-256", await Scalar(server.ConnectionString("regisflow"), "SHOW password_encryption"));
            var withoutPassword = new NpgsqlConnectionStringBuilder(server.ConnectionString("regisflow")) { Password = "wrong" }.ConnectionString;
            var error = await Assert.ThrowsAsync<PostgresException>(() => Scalar(withoutPassword, "SELECT 1"));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
        }
        finally
        {
            await server.StopAsync();
        }
    }

    [Fact]
    public async Task The_server_runs_with_memory_settings_sized_from_this_machine()
    {
        var server = await StartAsync();
        try
        {
            var expected = PostgresMemorySettings.ForThisMachine();
            var connection = server.ConnectionString("regisflow");
            Assert.Equal(expected.SharedBuffersMb * 1024 / 8,
                Convert.ToInt64(await Scalar(connection, "SELECT setting FROM pg_settings WHERE name = 'shared_buffers'"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.WorkMemMb * 1024,
                Convert.ToInt64(await Scalar(connection, "SELECT setting FROM pg_settings WHERE name = 'work_mem'"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(expected.SharedBuffersMb > 128, "Sur cette machine, shared_buffers doit dépasser les 128 Mo par défaut.");
        }
        finally
        {
            await server.StopAsync();
        }
    }

    [Fact]
    public async Task A_server_left_running_by_a_crashed_run_is_reused_not_duplicated()
    {
        var crashed = await StartAsync();
        // A new run on the same data folder, while the first one's server still runs.
        var next = await StartAsync();
        try
        {
            Assert.Equal(crashed.Port, next.Port);
            Assert.Equal(1, CountServerProcesses());
            Assert.Equal(1, await Scalar(next.ConnectionString("regisflow"), "SELECT 1"));
        }
        finally
        {
            await next.StopAsync();
        }
        Assert.Equal(0, CountServerProcesses());
    }

    [Fact]
    public async Task Without_postgres_binaries_it_says_in_one_line_what_to_install()
    {
        var error = await Assert.ThrowsAsync<PostgresNotFoundException>(() =>
            PrivatePostgresServer.StartAsync(_root, "/nonexistent/bin", "regisflow", NullLogger.Instance));
        Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>postgres processes whose command line names this test's data folder.</summary>
    private int CountServerProcesses() => Directory.GetDirectories("/proc")
        .Select(d => Path.Combine(d, "cmdline"))
        .Count(f =>
        {
            try
            {
                var cmd = File.ReadAllText(f).Replace('\0', ' ');
                return cmd.Contains("postgres", StringComparison.Ordinal) && cmd.Contains(" -D " + Path.Combine(_root, "postgres"), StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
        return Task.CompletedTask;
    }
}
