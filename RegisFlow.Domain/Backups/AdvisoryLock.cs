using Npgsql;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// A PostgreSQL session advisory lock taken with pg_try_advisory_lock on a connection of its own: every app instance
/// on the same database sees it, so a manual run and a scheduled one (or two instances) never overlap.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    /// <summary>Held by backups and restores: a restore never runs while a snapshot is being read, nor two restores.</summary>
    public const long BackupKey = 0x5246_4261_636B_7570;
    public const long PurgeKey = 0x5246_5075_7267_6521;

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>The lock, or null when someone else holds it.</summary>
    public static async Task<AdvisoryLock?> TryAcquireAsync(string connectionString, long key, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                return new AdvisoryLock(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection is gone: PostgreSQL released the lock with the session.
        }
        await _connection.DisposeAsync();
    }
}
