using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// Puts a backup back: reads the whole file once to check the key, every chunk, the checksum and the versions
/// (nothing touched yet), then replaces the register tables in one transaction and checks the row counts before
/// committing. Same ids, hashes and photo bytes as when the backup was taken.
/// </summary>
public sealed class RestoreService(
    IDbContextFactory<RegisFlowDbContext> factory,
    DatabaseConnection database,
    BackupService backups,
    BackupKey key,
    TimeProvider clock,
    ILogger<RestoreService> logger)
{
    /// <summary>Checks a file without touching the database; returns its manifest.</summary>
    public async Task<BackupManifest> VerifyAsync(Caller caller, string path, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageBackups);
        var manifest = await Task.Run(() => Read(path, null), ct);
        await CheckSchemaAsync(manifest, ct);
        return manifest;
    }

    public Task<BackupManifest> RestoreAsync(Caller caller, string path, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageBackups);
        return RestoreCoreAsync(caller, path, "administration", progress, ct);
    }

    /// <summary>Restore from the command line (dotnet RegisFlow.Web.dll restore file): whoever can run it owns the server.</summary>
    public Task<BackupManifest> RestoreFromCommandLineAsync(string path, IProgress<string>? progress = null, CancellationToken ct = default) =>
        RestoreCoreAsync(null, path, "ligne de commande", progress, ct);

    /// <summary>Audit rows the backup does not hold (same id, time and action = same row), re-inserted with new ids in their order.</summary>
    private const string KeepLaterAuditRows = """
        INSERT INTO audit_events (occurred_at, user_id, user_name, action, store_id, target_type, target_id, details, client_address)
        SELECT k.occurred_at, k.user_id, k.user_name, k.action, k.store_id, k.target_type, k.target_id, k.details, k.client_address
        FROM audit_kept k
        WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.id = k.id AND a.occurred_at = k.occurred_at AND a.action = k.action)
        ORDER BY k.id
        """;

    private async Task<BackupManifest> RestoreCoreAsync(Caller? caller, string path, string source, IProgress<string>? progress, CancellationToken ct)
    {
        await using var gate = await AdvisoryLock.TryAcquireAsync(database.ConnectionString, AdvisoryLock.BackupKey, ct)
            ?? throw new JobAlreadyRunningException(BackupService.AlreadyRunning);
        progress?.Report("vérification");
        var manifest = await Task.Run(() => Read(path, null), ct);
        await CheckSchemaAsync(manifest, ct);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var tables = string.Join(", ", RegisterTables.All.Select(RegisterTables.Quote));
        // The audit trail must outlive a restore: what was recorded since the backup is put back afterwards.
        await RegisterTables.ExecuteAsync(connection, "CREATE TEMP TABLE audit_kept ON COMMIT DROP AS SELECT * FROM audit_events", ct);
        await RegisterTables.ExecuteAsync(connection, $"TRUNCATE {tables} CASCADE", ct);
        var current = new Dictionary<string, List<string>>();
        foreach (var table in RegisterTables.All)
        {
            current[table] = await RegisterTables.ColumnsAsync(connection, table, ct);
        }
        var copied = await Task.Run(() => Read(path, new Copier(connection, current, progress, ct)), ct);
        if (copied.PayloadSha256 != manifest.PayloadSha256)
        {
            throw new InvalidBackupException("Le fichier a changé pendant la restauration : restauration annulée, aucune donnée n'a été modifiée.");
        }
        foreach (var table in RegisterTables.All)
        {
            var expected = manifest.Counts.GetValueOrDefault(table);
            var actual = await RegisterTables.CountAsync(connection, table, ct);
            if (actual != expected)
            {
                throw new InvalidBackupException(
                    $"La table {table} compte {actual} lignes au lieu des {expected} attendues : restauration annulée, aucune donnée n'a été modifiée.");
            }
            var quoted = RegisterTables.Quote(table);
            await RegisterTables.ExecuteAsync(connection,
                $"SELECT setval(pg_get_serial_sequence('{quoted}', 'id'), COALESCE((SELECT max(id) FROM {quoted}), 0) + 1, false)", ct);
        }
        await RegisterTables.ExecuteAsync(connection, KeepLaterAuditRows, ct);
        var audit = AuditLog.For(caller, AuditActions.BackupRestored, clock.GetUtcNow(),
            new { fileName = Path.GetFileName(path), source, backupCreatedAt = manifest.CreatedAt, counts = manifest.Counts }, "backup", Path.GetFileName(path));
        await InsertAuditAsync(connection, audit, ct);
        await transaction.CommitAsync(ct);
        logger.LogWarning("Sauvegarde {FileName} restaurée ({Source})", Path.GetFileName(path), source);
        return manifest;
    }

    /// <summary>A stored backup's full path (name checked).</summary>
    public string StoredPath(string fileName) => backups.StoredPath(fileName);

    private async Task CheckSchemaAsync(BackupManifest manifest, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        if (!applied.Contains(manifest.SchemaVersion))
        {
            throw new InvalidBackupException(
                $"Cette sauvegarde vient d'une version plus récente de RegisFlow ({manifest.AppVersion}, schéma {manifest.SchemaVersion}) : mettez l'application à jour avant de la restaurer.");
        }
    }

    /// <summary>Reads the whole file, checking every chunk and the checksum; hands each table's data to the copier when given.</summary>
    private BackupManifest Read(string path, Copier? copier)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidBackupException($"Impossible de lire la sauvegarde : {e.Message}", e);
        }
        using (file)
        {
            var (header, headerHash) = BackupFormat.ReadHeader(file);
            if (header.KeyId != key.Id)
            {
                throw new InvalidBackupException(
                    "Cette sauvegarde a été chiffrée avec une autre clé que celle configurée (BACKUP_ENCRYPTION_KEY) : restauration refusée, aucune donnée n'a été modifiée.");
            }
            using var decrypting = new DecryptingStream(file, key.DeriveFileKey(Convert.FromBase64String(header.Salt)), headerHash, header.ChunkSize);
            string sha256;
            try
            {
                using var gzip = new GZipStream(decrypting, CompressionMode.Decompress, leaveOpen: true);
                using var payload = new PayloadReader(gzip);
                var buffer = new byte[64 * 1024];
                while (payload.NextTable() is var (table, columns))
                {
                    copier?.BeginTable(table, columns);
                    for (var block = payload.NextBlock(ref buffer); !block.IsEmpty; block = payload.NextBlock(ref buffer))
                    {
                        copier?.Write(block.Span);
                    }
                    copier?.EndTable();
                }
                sha256 = payload.Hash();
                if (gzip.ReadByte() != -1)
                {
                    throw new InvalidBackupException(DecryptingStream.Altered);
                }
            }
            catch (InvalidDataException e)
            {
                copier?.Abort();
                throw new InvalidBackupException(DecryptingStream.Altered, e);
            }
            catch
            {
                copier?.Abort();
                throw;
            }
            var manifest = decrypting.Manifest is { } bytes
                ? BackupFormat.DeserializeManifest(bytes)
                : throw new InvalidBackupException(DecryptingStream.Truncated);
            if (manifest.PayloadSha256 != sha256 || manifest.FormatVersion != BackupFormat.Version)
            {
                throw new InvalidBackupException("La somme de contrôle de la sauvegarde ne correspond pas : restauration refusée, aucune donnée n'a été modifiée.");
            }
            return manifest;
        }
    }

    private static async Task InsertAuditAsync(NpgsqlConnection connection, AuditEvent audit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO audit_events (occurred_at, user_id, user_name, action, store_id, target_type, target_id, details, client_address)
            VALUES (@at, @userId, @userName, @action, @storeId, @targetType, @targetId, @details::jsonb, @client)
            """, connection);
        command.Parameters.AddWithValue("at", audit.OccurredAt);
        command.Parameters.AddWithValue("userId", (object?)audit.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("userName", (object?)audit.UserName ?? DBNull.Value);
        command.Parameters.AddWithValue("action", audit.Action);
        command.Parameters.AddWithValue("storeId", (object?)audit.StoreId ?? DBNull.Value);
        command.Parameters.AddWithValue("targetType", (object?)audit.TargetType ?? DBNull.Value);
        command.Parameters.AddWithValue("targetId", (object?)audit.TargetId ?? DBNull.Value);
        command.Parameters.AddWithValue("details", (object?)audit.Details ?? DBNull.Value);
        command.Parameters.AddWithValue("client", (object?)audit.ClientAddress ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes each table's binary COPY data back with COPY FROM STDIN, on the restore's transaction.</summary>
    private sealed class Copier(NpgsqlConnection connection, Dictionary<string, List<string>> current, IProgress<string>? progress, CancellationToken ct)
    {
        private NpgsqlRawCopyStream? _copy;

        public void BeginTable(string table, string[] columns)
        {
            ct.ThrowIfCancellationRequested();
            if (!current.TryGetValue(table, out var known) || columns.Any(c => !known.Contains(c)))
            {
                throw new InvalidBackupException($"La sauvegarde contient une table ou des colonnes inconnues ({table}) : restauration annulée.");
            }
            progress?.Report(table);
            _copy = connection.BeginRawBinaryCopy(
                $"COPY {RegisterTables.Quote(table)} ({RegisterTables.ColumnList(columns)}) FROM STDIN (FORMAT BINARY)");
        }

        public void Write(ReadOnlySpan<byte> block) => _copy!.Write(block);

        /// <summary>Stops a table's COPY half-way; the transaction is then rolled back.</summary>
        public void Abort()
        {
            _copy?.Cancel();
            _copy = null;
        }

        public void EndTable()
        {
            _copy!.Dispose();
            _copy = null;
        }
    }
}
