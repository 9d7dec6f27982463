using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RegisFlow.Domain.Database;

namespace RegisFlow.Domain.Health;

/// <summary>
/// Opens a fresh, unpooled connection and measures a round trip, so a database that went away is seen
/// at once and one that came back is seen again without restarting the app.
/// </summary>
public sealed class DatabaseHealthCheck(DatabaseConnection database) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            Timeout = (int)Limit.TotalSeconds,
            CommandTimeout = (int)Limit.TotalSeconds,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        var watch = Stopwatch.StartNew();
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
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
            return HealthCheckResult.Unhealthy("PostgreSQL ne répond pas", e, new Dictionary<string, object>
            {
                ["latencyMs"] = Math.Round(watch.Elapsed.TotalMilliseconds, 1),
            });
        }
    }
}
