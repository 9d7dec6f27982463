using System.Net.Sockets;
using Npgsql;

namespace RegisFlow.Domain.Database;

/// <summary>The database server could not be reached: nothing was read or written, the same request can be tried again later.</summary>
public sealed class DatabaseUnavailableException(Exception inner)
    : Exception("Base de données injoignable : réessayez dans un instant.", inner);

/// <summary>Tells "the database is unreachable" (retry later, keep what the user typed) from every other failure.</summary>
public static class DatabaseOutage
{
    /// <summary>
    /// True when <paramref name="exception"/>, or one of its inner exceptions, says that the server could not be reached,
    /// went away or is shutting down; false for a query the database refused.
    /// </summary>
    public static bool IsUnreachable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseUnavailableException:
                    return true;
                // 08: connection exceptions; 57P01-03: shut down or starting; 53300: too many connections.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Closes the pooled connections to <paramref name="database"/>: after an outage they are dead, and the first
    /// requests once the server is back would otherwise fail on them.
    /// </summary>
    public static void ForgetConnections(DatabaseConnection database)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
