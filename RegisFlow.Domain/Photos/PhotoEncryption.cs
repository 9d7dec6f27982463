using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Monitoring;

namespace RegisFlow.Domain.Photos;

/// <summary>
/// Encrypts the photos stored before encryption existed (or put back by the restore of an older backup): at start-up,
/// in batches of <see cref="BatchSize"/>, each batch one transaction, so an interrupted run goes on where it stopped at
/// the next start. Rows locked by another instance are skipped (it encrypts them). Then checks that every photo is
/// under the configured key, and says clearly which key is missing when not. (An EF migration cannot do this: it
/// does not hold the key.)
/// </summary>
public sealed class PhotoEncryption(DatabaseConnection database, PhotoKey key, JobRecorder recorder) : BackgroundService
{
    public const int BatchSize = 50;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Runs again now (after a restore, which may have put plain photos back).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Encrypts every photo still stored plain and returns how many; one job line, an alert when it fails.</summary>
    public Task<int> RunAsync(string trigger, CancellationToken ct = default) =>
        recorder.RunAsync(JobNames.PhotoEncryption, trigger, AlertKinds.PhotoEncryptionFailed, () => EncryptStoredAsync(ct), n => new { photos = n });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trigger = "démarrage";
        while (!stoppingToken.IsCancellationRequested)
        {
            var retry = false;
            try
            {
                await RunAsync(trigger, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Logged and alerted by the recorder. A database outage is retried; a missing key waits for a new start.
                retry = e is not PhotoUnreadableException;
            }
            try
            {
                await _wake.WaitAsync(retry ? RetryDelay : Timeout.InfiniteTimeSpan, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            trigger = retry ? "nouvel essai" : "après restauration";
        }
    }

    private async Task<int> EncryptStoredAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var total = 0;
        int done;
        while ((done = await EncryptBatchAsync(connection, ct)) > 0)
        {
            total += done;
        }
        await CheckKeyAsync(connection, ct);
        return total;
    }

    private async Task<int> EncryptBatchAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var plain = new List<(long Id, byte[] Data)>();
        await using (var select = new NpgsqlCommand(
            "SELECT id, data FROM sale_photos WHERE encryption_key_id IS NULL ORDER BY id LIMIT @batch FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            select.Parameters.AddWithValue("batch", BatchSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                plain.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
            }
        }
        if (plain.Count == 0)
        {
            return 0;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (id, data) in plain)
        {
            var update = new NpgsqlBatchCommand(
                "UPDATE sale_photos SET data = @data, content_sha256 = @sha256, encryption_key_id = @key WHERE id = @id AND encryption_key_id IS NULL");
            update.Parameters.AddWithValue("data", NpgsqlDbType.Bytea, key.Seal(data));
            update.Parameters.AddWithValue("sha256", NpgsqlDbType.Bytea, SHA256.HashData(data));
            update.Parameters.AddWithValue("key", key.Id);
            update.Parameters.AddWithValue("id", id);
            batch.BatchCommands.Add(update);
        }
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return plain.Count;
    }

    private async Task CheckKeyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT encryption_key_id, count(*) FROM sale_photos WHERE encryption_key_id <> @key GROUP BY encryption_key_id ORDER BY 1", connection);
        command.Parameters.AddWithValue("key", key.Id);
        var others = new List<(string KeyId, long Count)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                others.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }
        if (others.Count > 0)
        {
            throw new PhotoUnreadableException(
                $"{others.Sum(o => o.Count)} photos ont été chiffrées avec une autre clé (empreinte {string.Join(", ", others.Select(o => o.KeyId))}) "
                + $"que celle configurée ({PhotoKey.EnvironmentKey}, empreinte {key.Id}) : elles ne peuvent être ni affichées ni exportées. "
                + "Configurez la clé des photos de l'installation d'origine.");
        }
    }
}
