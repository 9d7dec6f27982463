using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// Puts a backup back: reads the whole file once to check the key, every chunk, the checksum and the versions
/// (nothing touched yet), then replaces the register tables in one transaction as a bulk load (emptied, filled by
/// COPY FREEZE, secondary indexes and foreign keys made again afterwards: <see cref="BulkLoad"/>) and checks the row
/// counts before committing. Same ids, hashes and photo bytes as when the backup was taken (photos encrypted with the photo key, which
/// must be the configured one). Every session ends with it (the accounts are now those of the backup), and the login
/// page tells why.
/// </summary>
public sealed class RestoreService(
    IDbContextFactory<RegisFlowDbContext> factory,
    DatabaseConnection database,
    BackupService backups,
    BackupKey key,
    PhotoKey photoKey,
    PhotoEncryption photoEncryption,
    SessionService sessions,
    TimeProvider clock,
    JobRecorder recorder,
    ILogger<RestoreService> logger)
{
    /// <summary>Checks a file without touching the database; returns its manifest.</summary>
    public async Task<BackupManifest> VerifyAsync(Caller caller, string path, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageBackups);
        var manifest = await Task.Run(() => Read(path, null), ct);
        CheckPhotoKey(manifest);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await CheckSchemaAsync(connection, manifest, ct);
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

    private const string Columns = "occurred_at, user_id, user_name, action, store_id, target_type, target_id, details, client_address";

    /// <summary>
    /// The journal only grows: the backup's audit rows, read into a scratch table, are added when the journal lacks them — with their
    /// own id when it is free, with a new one when another row holds it (a backup of another installation). A row the journal
    /// already has (same id, time and action) stays as it is, personal data erased by the purge included.
    /// </summary>
    private static readonly string[] MergeAuditRows =
    [
        $"""
        INSERT INTO audit_events (id, {Columns})
        SELECT r.id, {Columns} FROM audit_restored r
        WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.id = r.id)
        ORDER BY r.id
        """,
        "SELECT setval(pg_get_serial_sequence('audit_events', 'id'), COALESCE((SELECT max(id) FROM audit_events), 0) + 1, false)",
        $"""
        INSERT INTO audit_events ({Columns})
        SELECT {Columns} FROM audit_restored r
        WHERE EXISTS (SELECT 1 FROM audit_events a WHERE a.id = r.id AND (a.occurred_at <> r.occurred_at OR a.action <> r.action))
        ORDER BY r.id
        """,
    ];

    private Task<BackupManifest> RestoreCoreAsync(Caller? caller, string path, string source, IProgress<string>? progress, CancellationToken ct) =>
        recorder.RunAsync(JobNames.Restore, source, null,
            () => RestoreIntoAsync(caller, path, database.ConnectionString, intoRegister: true, source, progress, ct),
            m => new { fileName = Path.GetFileName(path), m.CreatedAt, m.Counts });

    /// <summary>
    /// Restores a backup into the database at <paramref name="target"/>: the register itself, or a scratch database
    /// for the restore test (<paramref name="intoRegister"/> false: no restore row written, no session to end there). The lock is
    /// always the register's, so no backup or other restore runs meanwhile.
    /// </summary>
    internal async Task<BackupManifest> RestoreIntoAsync(
        Caller? caller, string path, string target, bool intoRegister, string source, IProgress<string>? progress, CancellationToken ct)
    {
        await using var gate = await AdvisoryLock.TryAcquireAsync(database.ConnectionString, AdvisoryLock.BackupKey, ct)
            ?? throw new JobAlreadyRunningException(BackupService.AlreadyRunning);
        progress?.Report("vérification");
        var manifest = await Task.Run(() => Read(path, null), ct);
        CheckPhotoKey(manifest);

        await using var connection = new NpgsqlConnection(target);
        await connection.OpenAsync(ct);
        await CheckSchemaAsync(connection, manifest, ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var reloaded = RegisterTables.All.Where(t => t != RegisterTables.AuditTable).ToList();
        // The audit trail outlives a restore: the backup's rows go to a scratch table, and those the journal lacks are added.
        await RegisterTables.ExecuteAsync(connection, "CREATE TEMP TABLE audit_restored (LIKE audit_events) ON COMMIT DROP", ct);
        // A bulk load: the tables emptied in this very transaction take their rows already frozen (COPY FREEZE, no later
        // rewrite of every page by vacuum, and no WAL for them at all when the server runs with wal_level = minimal), and
        // their secondary indexes and foreign keys are made again once, after the load.
        await RegisterTables.ExecuteAsync(connection, $"TRUNCATE {string.Join(", ", reloaded.Select(RegisterTables.Quote))} CASCADE", ct);
        var bulk = await BulkLoad.DropAsync(connection, reloaded, ct);
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
        // A backup older than photo encryption has plain photos without their SHA-256: given here, encrypted after the commit.
        await RegisterTables.ExecuteAsync(connection,
            "UPDATE sale_photos SET content_sha256 = sha256(data) WHERE content_sha256 IS NULL AND encryption_key_id IS NULL", ct);
        foreach (var table in RegisterTables.All)
        {
            var expected = manifest.Counts.GetValueOrDefault(table);
            var actual = await RegisterTables.CountAsync(connection, table == RegisterTables.AuditTable ? "audit_restored" : table, ct);
            if (actual != expected)
            {
                throw new InvalidBackupException(
                    $"La table {table} compte {actual} lignes au lieu des {expected} attendues : restauration annulée, aucune donnée n'a été modifiée.");
            }
            var quoted = RegisterTables.Quote(table);
            await RegisterTables.ExecuteAsync(connection,
                $"SELECT setval(pg_get_serial_sequence('{quoted}', 'id'), COALESCE((SELECT max(id) FROM {quoted}), 0) + 1, false)", ct);
        }
        try
        {
            await bulk.RecreateAsync(connection, progress, ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidBackupException(
                $"Les données de la sauvegarde ne sont pas cohérentes ({e.MessageText}) : restauration annulée, aucune donnée n'a été modifiée.", e);
        }
        foreach (var sql in MergeAuditRows)
        {
            await RegisterTables.ExecuteAsync(connection, sql, ct);
        }
        if (intoRegister)
        {
            var audit = AuditLog.For(caller, AuditActions.BackupRestored, clock.GetUtcNow(),
                new { fileName = Path.GetFileName(path), source, backupCreatedAt = manifest.CreatedAt, counts = manifest.Counts }, "backup", Path.GetFileName(path));
            await InsertAuditAsync(connection, audit, ct);
            await using var endSessions = new NpgsqlCommand(SessionService.EndEverySessionSql, connection);
            endSessions.Parameters.AddWithValue("now", clock.GetUtcNow());
            await endSessions.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        await AnalyzeAsync(connection, reloaded);
        if (intoRegister)
        {
            sessions.ForgetAll();
            if (!manifest.Counts.ContainsKey("chain_heads"))
            {
                // A backup made before sales were chained brings sales without their chain: they get it now, as at first start.
                await SaleChain.SealUnchainedAsync(factory, clock, logger, CancellationToken.None);
            }
            photoEncryption.Wake();
        }
        return manifest;
    }

    /// <summary>
    /// Fresh statistics for the planner on the reloaded tables (their old ones describe the previous rows). The restore is
    /// committed by then: a failure here is only logged, autovacuum will analyze them later.
    /// </summary>
    private async Task AnalyzeAsync(NpgsqlConnection connection, IEnumerable<string> tables)
    {
        try
        {
            await RegisterTables.ExecuteAsync(connection, $"ANALYZE {string.Join(", ", tables.Append(RegisterTables.AuditTable).Select(RegisterTables.Quote))}",
                CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Restauration terminée, mais ANALYZE des tables restaurées a échoué : autovacuum s'en chargera");
        }
    }

    /// <summary>Photos stay encrypted in a backup: one made under another photo key is refused before anything changes.</summary>
    private void CheckPhotoKey(BackupManifest manifest)
    {
        if (manifest.PhotoKeyIds?.FirstOrDefault(id => id != photoKey.Id) is { } other)
        {
            throw new InvalidBackupException(
                $"Les photos de cette sauvegarde sont chiffrées avec une autre clé des photos (empreinte {other}) que celle configurée "
                + $"({PhotoKey.EnvironmentKey}, empreinte {photoKey.Id}) : configurez la clé des photos de l'installation d'origine avant de "
                + "restaurer. Aucune donnée n'a été modifiée.");
        }
    }

    /// <summary>A stored backup's full path (name checked).</summary>
    public string StoredPath(string fileName) => backups.StoredPath(fileName);

    private static async Task CheckSchemaAsync(NpgsqlConnection connection, BackupManifest manifest, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "__EFMigrationsHistory" WHERE migration_id = @id""", connection);
        command.Parameters.AddWithValue("id", manifest.SchemaVersion);
        if ((long)(await command.ExecuteScalarAsync(ct))! == 0)
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
                throw new InvalidBackupException(backups.OtherKeyMessage(header.KeyId) + " Aucune donnée n'a été modifiée.");
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

    /// <summary>Writes each table's binary COPY data back with COPY FROM STDIN (FREEZE), on the restore's transaction.</summary>
    private sealed class Copier(NpgsqlConnection connection, Dictionary<string, List<string>> current, IProgress<string>? progress, CancellationToken ct)
    {
        /// <summary>The single name column of the users table before first and last names (migration UserFirstAndLastNames).</summary>
        private const string LegacyUsersColumn = "display_name";

        private NpgsqlRawCopyStream? _copy;
        private string[] _afterCopy = [];
        private string _table = "";

        public void BeginTable(string table, string[] columns)
        {
            ct.ThrowIfCancellationRequested();
            // A backup made before users had a first and a last name brings their display_name: split as the migration did.
            var legacyUsers = table == "users" && columns.Contains(LegacyUsersColumn) && current.TryGetValue(table, out var now)
                && !now.Contains(LegacyUsersColumn);
            if (!current.TryGetValue(table, out var known) || columns.Any(c => !known.Contains(c) && !(legacyUsers && c == LegacyUsersColumn)))
            {
                throw new InvalidBackupException($"La sauvegarde contient une table ou des colonnes inconnues ({table}) : restauration annulée.");
            }
            progress?.Report(table);
            _table = table;
            // Every target was emptied (or, for the journal's scratch table, created) in this transaction: FREEZE is allowed.
            var target = table == RegisterTables.AuditTable ? "audit_restored" : RegisterTables.Quote(table);
            if (legacyUsers)
            {
                Execute("CREATE TEMP TABLE users_restored (LIKE users) ON COMMIT DROP; "
                    + "ALTER TABLE users_restored ALTER first_name DROP NOT NULL, ALTER last_name DROP NOT NULL, "
                    + $"ADD {LegacyUsersColumn} character varying(200)");
                var kept = columns.Where(c => c != LegacyUsersColumn).Append("first_name").Append("last_name").Distinct().ToList();
                _afterCopy =
                [
                    LegacyDisplayName.FillNamesSql("users_restored"),
                    $"INSERT INTO users ({RegisterTables.ColumnList(kept)}) SELECT {RegisterTables.ColumnList(kept)} FROM users_restored ORDER BY id",
                    "DROP TABLE users_restored",
                ];
                target = "users_restored";
            }
            _copy = connection.BeginRawBinaryCopy($"COPY {target} ({RegisterTables.ColumnList(columns)}) FROM STDIN (FORMAT BINARY, FREEZE)");
        }

        public void Write(ReadOnlySpan<byte> block) => _copy!.Write(block);

        /// <summary>Stops a table's COPY half-way; the transaction is then rolled back.</summary>
        public void Abort()
        {
            _copy?.Cancel();
            _copy = null;
        }

        /// <summary>Ends a table's COPY; PostgreSQL says only then when it refused a row of it.</summary>
        public void EndTable()
        {
            var copy = _copy!;
            _copy = null;
            try
            {
                copy.Dispose();
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
            {
                throw new InvalidBackupException(
                    $"Les données de la table {_table} sont illisibles ({e.MessageText}) : restauration annulée, aucune donnée n'a été modifiée.", e);
            }
            foreach (var sql in _afterCopy)
            {
                Execute(sql);
            }
            _afterCopy = [];
        }

        private void Execute(string sql)
        {
            using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            command.ExecuteNonQuery();
        }
    }
}
