using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RegisFlow.Domain.Database;

namespace RegisFlow.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server per test run, started with the app's own private-server mechanism in a folder
/// under /tmp (one per checkout, so a crashed run's server is found and reused), and stopped when the run ends.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<PrivatePostgresServer> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static PrivatePostgresServer Server => Instance.Value;

    public static string RootDirectory { get; } = Path.Combine(Path.GetTempPath(), "regisflow-tests", CheckoutHash());

    public static string ConnectionString(string database) => Server.ConnectionString(database);

    private static PrivatePostgresServer Start()
    {
        var server = PrivatePostgresServer.StartAsync(Path.Combine(RootDirectory, "server"), null, "postgres", NullLogger.Instance)
            .GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        return server;
    }

    public static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string CheckoutHash() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..12].ToLowerInvariant();
}
