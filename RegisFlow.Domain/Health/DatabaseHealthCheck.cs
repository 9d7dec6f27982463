using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RegisFlow.Domain.Database;

namespace RegisFlow.Domain.Health;

/// <summary>
/// One round trip on the app's own connection pool (a cheap, already authenticated connection), bounded to 3 s.
/// When it fails the pool is cleared, so that connections broken by a database restart are not handed out again
/// and the database is seen back at the next check.
/// </summary>
public sealed class DatabaseHealthCheck(DatabaseConnection database) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            watch.Stop();
            return HealthCheckResult.Healthy("PostgreSQL répond", new Dictionary<string, object>
            {
                ["latencyMs"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1),
                ["server"] = database.IsPrivateServer ? "privé" : "configuré",
            });
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            NpgsqlConnection.ClearPool(connection);
            return HealthCheckResult.Unhealthy("PostgreSQL ne répond pas", e, new Dictionary<string, object>
            {
                ["latencyMs"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1),
            });
        }
    }
}
