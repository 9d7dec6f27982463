using System.Data;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Backups;

/// <summary>A stored backup; <see cref="Key"/> says whether the configured key opens it (read from its header when listed for an admin).</summary>
public sealed record BackupFile(string FileName, DateTimeOffset CreatedAt, long SizeBytes, BackupKeyMatch Key = BackupKeyMatch.NotChecked);

public enum BackupKeyMatch
{
    NotChecked,
    CurrentKey,

    /// <summary>Made with another key: it cannot be restored with the configured one.</summary>
    OtherKey,

    /// <summary>Not even its header can be read: not a backup, or damaged.</summary>
    Unreadable,
}

public sealed record BackupResult(string FileName, long SizeBytes, IReadOnlyDictionary<string, long> Counts);

/// <summary>
/// Encrypted, compressed snapshots of the whole register, streamed table by table from one REPEATABLE READ
/// transaction, written to a temporary file and renamed into place only once complete.
/// </summary>
public sealed class BackupService(
    IDbContextFactory<RegisFlowDbContext> factory,
    DatabaseConnection database,
    RegisFlowOptions options,
    BackupKey key,
    TimeProvider clock,
    JobRecorder recorder,
    ILogger<BackupService> logger)
{
    internal const string AlreadyRunning =
        "Une sauvegarde ou une restauration est déjà en cours : réessayez quand elle sera terminée.";

    public string Directory => options.ResolvedBackupDirectory;

    /// <summary>A backup asked for by a signed-in administrator.</summary>
    public Task<BackupResult> CreateAsync(Caller caller, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageBackups);
        return RecordAsync("manuelle", () => CreateCoreAsync(caller, progress, ct));
    }

    /// <summary>A backup run by the scheduler (no signed-in user).</summary>
    public Task<BackupResult> CreateScheduledAsync(CancellationToken ct = default) => RecordAsync("planifiée", () => CreateCoreAsync(null, null, ct));

    /// <summary>A backup asked for on the server's command line (before an update, from a cron of the system).</summary>
    public Task<BackupResult> CreateFromCommandLineAsync(IProgress<string>? progress = null, CancellationToken ct = default) =>
        RecordAsync("ligne de commande", () => CreateCoreAsync(null, progress, ct));

    private Task<BackupResult> RecordAsync(string trigger, Func<Task<BackupResult>> run) =>
        recorder.RunAsync(JobNames.Backup, trigger, AlertKinds.BackupFailed, run, r => new { r.FileName, r.SizeBytes });

    /// <summary>The stored backups, newest first, each marked with whether the configured key opens it.</summary>
    public IReadOnlyList<BackupFile> List(Caller caller)
    {
        caller.Demand(Permission.ManageBackups);
        return ListFiles().Select(f => f with { Key = KeyMatch(Path.Combine(Directory, f.FileName)) }).ToList();
    }

    /// <summary>The fingerprint of the configured key, as backup headers carry it.</summary>
    public string KeyId => key.Id;

    /// <summary>
    /// Receives a backup sent from the administration page into a temporary file (0600) beside the backups, and returns
    /// its path (the caller deletes it). Its header is read as soon as it has arrived: a file that is not a backup, or
    /// that was made with another key, is refused before the rest is received. Nothing is left on disk when it fails.
    /// </summary>
    public async Task<string> ReceiveUploadAsync(Caller caller, Stream source, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageBackups);
        PrivateFiles.EnsureFolder(Directory, logger);
        var path = Path.Combine(Directory, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            await using var target = PrivateFiles.CreateNew(path);
            var head = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                if (head is not null)
                {
                    head.Write(buffer, 0, read);
                    if (HeaderChecked(head))
                    {
                        head = null;
                    }
                }
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (head is not null)
            {
                throw new InvalidBackupException(head.Length == 0 ? BackupFormat.NotABackup : "La sauvegarde est incomplète (fichier tronqué).");
            }
            return path;
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary>True once the header has arrived and matches the configured key; refuses it as soon as it does not.</summary>
    private bool HeaderChecked(MemoryStream head)
    {
        var length = BackupFormat.HeaderLength(head.GetBuffer().AsSpan(0, (int)head.Length));
        if (length is not { } total || head.Length < total)
        {
            return false;
        }
        head.Position = 0;
        var (header, _) = BackupFormat.ReadHeader(head);
        if (header.KeyId != key.Id)
        {
            throw new InvalidBackupException(OtherKeyMessage(header.KeyId));
        }
        return true;
    }

    public string OtherKeyMessage(string backupKeyId) =>
        $"Cette sauvegarde a été chiffrée avec une autre clé (empreinte {backupKeyId}) que celle configurée (empreinte {key.Id}) : "
        + "elle ne peut pas être restaurée ici. Configurez la clé qui l'a chiffrée (BACKUP_ENCRYPTION_KEY).";

    private BackupKeyMatch KeyMatch(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return BackupFormat.ReadHeader(file).Header.KeyId == key.Id ? BackupKeyMatch.CurrentKey : BackupKeyMatch.OtherKey;
        }
        catch (Exception e) when (e is InvalidBackupException or IOException or UnauthorizedAccessException)
        {
            return BackupKeyMatch.Unreadable;
        }
    }

    /// <summary>Opens a stored backup for download (the name must be one of ours, never a path); the download is audited.</summary>
    public async Task<FileStream> OpenReadAsync(Caller caller, string fileName, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageBackups);
        var stream = File.OpenRead(StoredPath(fileName));
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.BackupDownloaded, clock.GetUtcNow(),
            new { fileName, sizeBytes = stream.Length }, "backup", fileName));
        await db.SaveChangesAsync(ct);
        return stream;
    }

    /// <summary>The full path of a stored backup, after checking that the name is a backup name (never a path).</summary>
    public string StoredPath(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!BackupFileName.IsValid(fileName) || !File.Exists(path))
        {
            throw new BackupException("Sauvegarde introuvable.");
        }
        return path;
    }

    /// <summary>The stored backups, newest first, without a caller: for monitoring (names, dates and sizes only).</summary>
    public IReadOnlyList<BackupFile> ListFiles()
    {
        var directory = new DirectoryInfo(Directory);
        if (!directory.Exists)
        {
            return [];
        }
        var files = new List<(BackupFile File, int Sequence)>();
        foreach (var file in directory.EnumerateFiles(BackupFileName.Prefix + "*" + BackupFormat.Extension))
        {
            if (BackupFileName.TryParse(file.Name, out var startedAt, out var sequence))
            {
                files.Add((new BackupFile(file.Name, startedAt, file.Length), sequence));
            }
        }
        return files.OrderByDescending(f => f.File.CreatedAt).ThenByDescending(f => f.Sequence).Select(f => f.File).ToList();
    }

    private async Task<BackupResult> CreateCoreAsync(Caller? caller, IProgress<string>? progress, CancellationToken ct)
    {
        await using var gate = await AdvisoryLock.TryAcquireAsync(database.ConnectionString, AdvisoryLock.BackupKey, ct)
            ?? throw new JobAlreadyRunningException(AlreadyRunning);
        var now = clock.GetUtcNow();
        var fileName = BackupFileName.For(now);
        var temp = Path.Combine(Directory, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            PrivateFiles.EnsureFolder(Directory, logger);
            RemoveLeftovers();
            var manifest = await WriteSnapshotAsync(temp, now, progress, ct);
            // Under the advisory lock no other backup can take the name between this check and the move.
            fileName = BackupFileName.FirstFree(now, name => File.Exists(Path.Combine(Directory, name)));
            File.Move(temp, Path.Combine(Directory, fileName), overwrite: false);
            var size = new FileInfo(Path.Combine(Directory, fileName)).Length;
            ApplyRetention();
            await AuditAsync(AuditLog.For(caller, AuditActions.BackupCreated, clock.GetUtcNow(),
                new { fileName, sizeBytes = size, counts = manifest.Counts }, "backup", fileName), CancellationToken.None);
            return new BackupResult(fileName, size, manifest.Counts);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            var reason = e is OperationCanceledException ? "Sauvegarde annulée." : e.Message;
            await TryAuditAsync(AuditLog.For(caller, AuditActions.BackupFailed, clock.GetUtcNow(),
                new { fileName, error = reason }, "backup", fileName));
            if (e is OperationCanceledException or BackupException)
            {
                throw;
            }
            throw new BackupException($"La sauvegarde a échoué : {e.Message}", e);
        }
    }

    private async Task<BackupManifest> WriteSnapshotAsync(string path, DateTimeOffset now, IProgress<string>? progress, CancellationToken ct)
    {
        string schemaVersion;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            schemaVersion = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "";
        }
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await RegisterTables.ExecuteAsync(connection, "SET TRANSACTION READ ONLY", ct);

        var salt = RandomNumberGenerator.GetBytes(32);
        var header = new BackupHeader(BackupFormat.Version, BackupFormat.AppVersion, now, key.Id, Convert.ToBase64String(salt), BackupFormat.DefaultChunkSize);
        await using var file = PrivateFiles.CreateNew(path);
        var headerHash = BackupFormat.WriteHeader(file, header);
        using var encrypting = new EncryptingStream(file, key.DeriveFileKey(salt), headerHash, header.ChunkSize);
        var counts = new Dictionary<string, long>();
        string sha256;
        long payloadBytes;
        await using (var gzip = new GZipStream(encrypting, CompressionLevel.Fastest, leaveOpen: true))
        {
            using var payload = new PayloadWriter(gzip);
            var buffer = new byte[64 * 1024];
            foreach (var table in RegisterTables.All)
            {
                ct.ThrowIfCancellationRequested();
                var columns = await RegisterTables.ColumnsAsync(connection, table, ct);
                if (columns.Count == 0)
                {
                    // A database not yet migrated to that table (a restore test of an older schema): nothing of it to keep.
                    continue;
                }
                progress?.Report(table);
                counts[table] = await RegisterTables.CountAsync(connection, table, ct);
                await payload.BeginTableAsync(table, columns, ct);
                var select = $"COPY (SELECT {RegisterTables.ColumnList(columns)} FROM {RegisterTables.Quote(table)} ORDER BY id) TO STDOUT (FORMAT BINARY)";
                await using (var copy = await connection.BeginRawBinaryCopyAsync(select, ct))
                {
                    int read;
                    while ((read = await copy.ReadAsync(buffer, ct)) > 0)
                    {
                        await payload.WriteBlockAsync(buffer.AsMemory(0, read), ct);
                    }
                }
                await payload.EndTableAsync(ct);
            }
            sha256 = await payload.EndAsync(ct);
            payloadBytes = payload.Bytes;
        }
        var photos = await PhotoChecksum.ComputeAsync(connection, ct);
        var photoKeys = await PhotoChecksum.KeyIdsAsync(connection, ct);
        var manifest = new BackupManifest(BackupFormat.Version, BackupFormat.AppVersion, now, schemaVersion, counts, sha256, payloadBytes, photos, photoKeys);
        encrypting.Finish(BackupFormat.Serialize(manifest));
        file.Flush(flushToDisk: true);
        await transaction.CommitAsync(ct);
        return manifest;
    }

    /// <summary>Keeps the newest <see cref="RegisFlowOptions.MaxBackupCount"/> backups.</summary>
    private void ApplyRetention()
    {
        foreach (var old in ListFiles().Skip(Math.Max(1, options.MaxBackupCount)))
        {
            TryDelete(Path.Combine(Directory, old.FileName));
            logger.LogInformation("Ancienne sauvegarde {FileName} supprimée (conservation : {Count})", old.FileName, options.MaxBackupCount);
        }
    }

    /// <summary>The stored backups made before <paramref name="cutoff"/>: they hold buyers' data past the retention period.</summary>
    public IReadOnlyList<BackupFile> OlderThan(DateTimeOffset cutoff) => ListFiles().Where(f => f.CreatedAt < cutoff).ToList();

    /// <summary>Deletes the backups made before <paramref name="cutoff"/> (the purge's); returns their names.</summary>
    internal IReadOnlyList<string> DeleteOlderThan(DateTimeOffset cutoff)
    {
        var deleted = new List<string>();
        foreach (var old in OlderThan(cutoff))
        {
            if (TryDelete(Path.Combine(Directory, old.FileName)))
            {
                deleted.Add(old.FileName);
                logger.LogInformation("Sauvegarde {FileName} supprimée : elle contient des données au-delà de la durée de conservation", old.FileName);
            }
        }
        return deleted;
    }

    /// <summary>Temporary files of a backup killed half-way (power cut): never counted as backups, removed here under the lock.</summary>
    private void RemoveLeftovers()
    {
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, "." + BackupFileName.Prefix + "*.tmp"))
        {
            TryDelete(leftover);
        }
    }

    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Impossible de supprimer {Path}", path);
            return false;
        }
    }

    private async Task AuditAsync(AuditEvent auditEvent, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(auditEvent);
        await db.SaveChangesAsync(ct);
    }

    private async Task TryAuditAsync(AuditEvent auditEvent)
    {
        try
        {
            await AuditAsync(auditEvent, CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            logger.LogError(e, "Impossible d'enregistrer l'échec de la sauvegarde dans le journal d'audit");
        }
    }
}
