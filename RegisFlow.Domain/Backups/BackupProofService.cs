using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// Proves that the newest backup can be restored: restores it into a scratch database on the same server (the schema
/// made by the app's migrations), compares the rows of each table and the photos' checksum with the backup's manifest,
/// drops the scratch database and records the result. A failed proof raises an alert; a later good one ends it.
/// </summary>
public sealed class BackupProofService(
    IDbContextFactory<RegisFlowDbContext> factory,
    DatabaseConnection database,
    BackupService backups,
    RestoreService restore,
    JobRecorder recorder,
    TimeProvider clock)
{
    public const string ScratchPrefix = "regisflow_proof_";

    public Task<BackupProof> RunAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.ManageBackups);
        return RecordAsync("manuel", ct);
    }

    /// <summary>The weekly run.</summary>
    public Task<BackupProof> RunScheduledAsync(CancellationToken ct = default) => RecordAsync("planifié", ct);

    /// <summary>The last recorded proof, for the administration page.</summary>
    public async Task<BackupProof?> LastAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.ViewAdministration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.BackupProofs.AsNoTracking().OrderByDescending(p => p.StartedAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync(ct);
    }

    private Task<BackupProof> RecordAsync(string trigger, CancellationToken ct) =>
        recorder.RunAsync(JobNames.BackupProof, trigger, AlertKinds.BackupProofFailed, async () =>
        {
            var proof = await ProveAsync(ct);
            return proof.Succeeded ? proof : throw new BackupException(proof.Message);
        }, p => new { p.FileName, p.Message });

    private async Task<BackupProof> ProveAsync(CancellationToken ct)
    {
        var proof = new BackupProof { StartedAt = clock.GetUtcNow(), Message = "" };
        var watch = Stopwatch.StartNew();
        var newest = backups.ListFiles().FirstOrDefault();
        try
        {
            if (newest is null)
            {
                throw new BackupException("Aucune sauvegarde à tester.");
            }
            proof.FileName = newest.FileName;
            proof.BackupCreatedAt = newest.CreatedAt;
            var counts = await RestoreIntoScratchAsync(backups.StoredPath(newest.FileName), proof, ct);
            proof.Counts = JsonSerializer.Serialize(counts);
            proof.Succeeded = true;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            proof.Message = e is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege }
                ? "Le compte PostgreSQL de l'application ne peut pas créer la base de test (droit CREATEDB nécessaire)."
                : e.Message;
        }
        proof.FinishedAt = clock.GetUtcNow();
        proof.DurationMs = watch.ElapsedMilliseconds;
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        db.BackupProofs.Add(proof);
        await db.SaveChangesAsync(CancellationToken.None);
        return proof;
    }

    /// <summary>Restores into a new scratch database, compares, and drops it whatever happened.</summary>
    private async Task<Dictionary<string, long>> RestoreIntoScratchAsync(string path, BackupProof proof, CancellationToken ct)
    {
        var name = ScratchPrefix + Guid.NewGuid().ToString("N")[..16];
        var scratch = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
        await ExecuteAsync(database.ConnectionString, $"CREATE DATABASE \"{name}\"", ct);
        try
        {
            var options = new DbContextOptionsBuilder<RegisFlowDbContext>().UseNpgsql(scratch).UseSnakeCaseNamingConvention().Options;
            await using (var db = new RegisFlowDbContext(options))
            {
                await db.Database.MigrateAsync(ct);
            }
            var manifest = await restore.RestoreIntoAsync(null, path, scratch, intoRegister: false, "test de restauration", null, ct);

            await using var connection = new NpgsqlConnection(scratch);
            await connection.OpenAsync(ct);
            var counts = new Dictionary<string, long>();
            foreach (var table in RegisterTables.All)
            {
                counts[table] = await RegisterTables.CountAsync(connection, table, ct);
                var expected = manifest.Counts.GetValueOrDefault(table);
                if (counts[table] != expected)
                {
                    throw new BackupException($"Test de restauration : la table {table} compte {counts[table]} lignes au lieu des {expected} du manifeste.");
                }
            }
            var photos = await PhotoChecksum.ComputeAsync(connection, ct);
            if (manifest.PhotosSha256 is not null && photos != manifest.PhotosSha256)
            {
                throw new BackupException("Test de restauration : les photos restaurées ne correspondent pas à l'empreinte du manifeste.");
            }
            proof.Message = $"Sauvegarde du {manifest.CreatedAt.UtcDateTime:dd/MM/yyyy HH:mm} (UTC) restaurée dans une base de test : {French.Count(counts.GetValueOrDefault("sales"), "vente", "ventes")}, "
                + $"{French.Count(counts.GetValueOrDefault("sale_photos"), "photo", "photos")}, {French.Count(counts.Values.Sum(), "ligne", "lignes")} au total, conformes au manifeste"
                + (manifest.PhotosSha256 is null ? " (sauvegarde sans empreinte des photos : photos non comparées)." : " ; empreinte des photos identique.");
            return counts;
        }
        finally
        {
            await ExecuteAsync(database.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
