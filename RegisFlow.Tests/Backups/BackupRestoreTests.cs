using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Photos;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

public class BackupRestoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<(IServiceProvider Services, BackupResult Backup, string Path)> SeedAndBackUpAsync(Action? beforeBackup = null)
    {
        await fixture.ResetAsync();
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await SeedAsync(db, fixture.Clock.GetUtcNow());
        }
        // As the app starts on it: the seeded sales get their chain.
        await fixture.Services.InitializeDatabaseAsync();
        beforeBackup?.Invoke();
        var directory = fixture.NewBackupDirectory();
        var services = fixture.WithBackupDirectory(directory);
        var backup = await services.GetRequiredService<BackupService>().CreateAsync(Admin);
        return (services, backup, Path.Combine(directory, backup.FileName));
    }

    [Fact]
    public async Task Backup_wipe_and_restore_gives_back_every_row_with_the_same_ids_hashes_and_photo_bytes()
    {
        var before = await DumpAsync(fixture.ConnectionString);
        Dictionary<string, List<string>> seeded = [];
        var (services, backup, path) = await SeedAndBackUpAsync(() => seeded = DumpAsync(fixture.ConnectionString).GetAwaiter().GetResult());
        Assert.NotEqual(before["sales"].Count, seeded["sales"].Count);
        Assert.Equal(12, backup.Counts["sales"]);
        Assert.Equal(24, backup.Counts["sale_photos"]);
        Assert.Equal(1, backup.Counts["suspicious_attempts"]);
        Assert.Single(seeded["suspicious_attempts"]);

        await TestPostgres.ExecuteAsync(fixture.DatabaseName,
            // A disaster: everything gone, the append-only audit trail too (as the superuser, its triggers off).
            "SET session_replication_role = replica; TRUNCATE stores, users, sales, sale_lines, sale_photos, sale_tombstones, chain_heads, audit_events, login_attempts, suspicious_attempts CASCADE; "
            + "INSERT INTO stores (name, is_active, created_at, updated_at) VALUES ('Autre magasin', true, now(), now())");
        await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, path);

        var restored = await DumpAsync(fixture.ConnectionString);
        foreach (var table in Tables.Where(t => t != "audit_events"))
        {
            Assert.Equal(seeded[table], restored[table]);
        }
        // The audit trail as it was when the backup was taken, plus one row saying it was restored.
        Assert.Equal(seeded["audit_events"], restored["audit_events"][..^1]);
        Assert.Equal(seeded["audit_events"].Count + 1, restored["audit_events"].Count);
        await using var db = await fixture.CreateDbContextAsync();
        var last = await db.AuditEvents.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(AuditActions.BackupRestored, last.Action);
        Assert.Equal("admin", last.UserName);

        // Identity sequences follow: the next sale gets the next id, not one that clashes.
        var store = await db.Stores.OrderBy(s => s.Id).LastAsync();
        var sale = AddSale(db, store.Id, fixture.Clock.GetUtcNow(), "Martin");
        await db.SaveChangesAsync();
        Assert.Equal(db.Sales.Max(s => s.Id), sale.Id);
        Assert.Equal(13, await db.Sales.CountAsync());
    }

    [Fact]
    public async Task Audit_rows_written_after_the_backup_survive_the_restore_and_none_is_duplicated()
    {
        var (services, _, path) = await SeedAndBackUpAsync(() => { });
        int countBefore;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            db.AuditEvents.Add(AuditLog.For(Admin, AuditActions.SaleDeleted, fixture.Clock.GetUtcNow(), new { reason = "après la sauvegarde" }, "sale", "999"));
            await db.SaveChangesAsync();
            countBefore = await db.AuditEvents.CountAsync();
        }

        await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, path);

        await using var after = await fixture.CreateDbContextAsync();
        var rows = await after.AuditEvents.OrderBy(a => a.Id).ToListAsync();
        Assert.Single(rows, a => a.Action == AuditActions.SaleDeleted && a.TargetId == "999");
        Assert.Equal(countBefore + 1, rows.Count);
        Assert.Equal(AuditActions.BackupRestored, rows[^1].Action);
    }

    [Fact]
    public async Task A_file_with_one_byte_changed_in_the_middle_is_refused_and_nothing_changes()
    {
        var (services, _, path) = await SeedAndBackUpAsync();
        await AddLaterSaleAsync();
        var current = await DumpAsync(fixture.ConnectionString);

        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<InvalidBackupException>(() => services.GetRequiredService<RestoreService>().RestoreAsync(Admin, path));
        Assert.Contains("modifiée ou abîmée", error.Message, StringComparison.Ordinal);
        Assert.Equal(current, await DumpAsync(fixture.ConnectionString));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public async Task A_truncated_file_is_refused_and_nothing_changes(double keptFraction)
    {
        var (services, _, path) = await SeedAndBackUpAsync();
        await AddLaterSaleAsync();
        var current = await DumpAsync(fixture.ConnectionString);

        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(int)(bytes.Length * keptFraction)]);

        var error = await Assert.ThrowsAsync<InvalidBackupException>(() => services.GetRequiredService<RestoreService>().RestoreAsync(Admin, path));
        Assert.Contains("tronqué", error.Message, StringComparison.Ordinal);
        Assert.Equal(current, await DumpAsync(fixture.ConnectionString));
    }

    [Fact]
    public async Task A_file_cut_exactly_after_a_whole_chunk_is_still_refused()
    {
        var (services, _, path) = await SeedAndBackUpAsync();
        var current = await DumpAsync(fixture.ConnectionString);
        var bytes = await File.ReadAllBytesAsync(path);
        // The 2.5 MB photo makes several 1 MB chunks: cut right after the first one (header + 5 + 1 MB + 16).
        var headerLength = 6 + 4 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(6));
        await File.WriteAllBytesAsync(path, bytes[..(headerLength + 5 + BackupFormat.DefaultChunkSize + 16)]);

        var error = await Assert.ThrowsAsync<InvalidBackupException>(() => services.GetRequiredService<RestoreService>().RestoreAsync(Admin, path));
        Assert.Contains("tronqué", error.Message, StringComparison.Ordinal);
        Assert.Equal(current, await DumpAsync(fixture.ConnectionString));
    }

    [Fact]
    public async Task A_backup_made_with_another_key_is_refused_and_nothing_changes()
    {
        var (_, _, path) = await SeedAndBackUpAsync();
        await AddLaterSaleAsync();
        var current = await DumpAsync(fixture.ConnectionString);
        var otherKey = fixture.WithBackupDirectory(Path.GetDirectoryName(path)!, new BackupKey(RandomNumberGenerator.GetBytes(32)));

        var error = await Assert.ThrowsAsync<InvalidBackupException>(() => otherKey.GetRequiredService<RestoreService>().RestoreAsync(Admin, path));
        Assert.Contains("autre clé", error.Message, StringComparison.Ordinal);
        Assert.Equal(current, await DumpAsync(fixture.ConnectionString));
    }

    [Fact]
    public async Task An_employee_can_neither_back_up_nor_restore()
    {
        var (services, _, path) = await SeedAndBackUpAsync();
        var employee = Employee(1);
        await Assert.ThrowsAsync<Domain.Users.AccessDeniedException>(() => services.GetRequiredService<BackupService>().CreateAsync(employee));
        await Assert.ThrowsAsync<Domain.Users.AccessDeniedException>(() => services.GetRequiredService<RestoreService>().RestoreAsync(employee, path));
    }

    [Fact]
    public async Task Restore_from_the_command_line_asks_for_OUI_and_restores_with_yes()
    {
        var (_, backup, path) = await SeedAndBackUpAsync();
        var atBackup = await DumpAsync(fixture.ConnectionString);
        await AddLaterSaleAsync();
        var changed = await DumpAsync(fixture.ConnectionString);
        var key = await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, BackupKey.GeneratedKeyFolder, BackupKey.GeneratedKeyFileName));
        var photoKey = await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, BackupKey.GeneratedKeyFolder, PhotoKey.GeneratedKeyFileName));
        string[] settings = [$"--ConnectionStrings:RegisFlow={fixture.ConnectionString}", $"--RegisFlow:DataDirectory={fixture.DataDirectory}",
            $"--RegisFlow:Backups:Key={key}", $"--RegisFlow:Photos:Key={photoKey}"];

        var refusedOutput = new StringWriter();
        var refused = await Web.Jobs.RestoreCommand.RunAsync(["restore", path, .. settings], new StringReader("non\n"), refusedOutput);
        Assert.Equal(1, refused);
        Assert.Contains("Taper OUI pour confirmer", refusedOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(changed, await DumpAsync(fixture.ConnectionString));

        var output = new StringWriter();
        var code = await Web.Jobs.RestoreCommand.RunAsync(["restore", path, "--yes", .. settings], new StringReader(""), output);
        Assert.True(code == 0, output.ToString());
        Assert.Contains("Restauration terminée", output.ToString(), StringComparison.Ordinal);
        var restored = await DumpAsync(fixture.ConnectionString);
        Assert.Equal(atBackup["sales"], restored["sales"]);
        Assert.Equal(atBackup["sale_photos"], restored["sale_photos"]);
        Assert.Equal(atBackup["users"], restored["users"]);
        Assert.Contains(backup.FileName, restored["audit_events"].Last(), StringComparison.Ordinal);
    }

    public static TheoryData<string> HalfWayFailures => ["photo illisible", "vente manquante"];

    [Theory]
    [MemberData(nameof(HalfWayFailures))]
    public async Task A_restore_failing_half_way_through_the_load_leaves_the_register_exactly_as_it_was(string failure)
    {
        var (services, _, path) = await SeedAndBackUpAsync();
        await AddLaterSaleAsync();
        var current = await DumpAsync(fixture.ConnectionString);
        var structure = await StructureAsync();
        var largestPhoto = await LargestPhotoAsync();
        if (failure == "photo illisible")
        {
            // Refused by PostgreSQL while copying the photos: stores, users, sales and their lines are already loaded.
            await ForgedBackup.RewriteAsync(path, services.GetRequiredService<BackupKey>(),
                (table, data) => table == "sale_photos" ? ForgedBackup.WithFirstRowBroken(data) : data);
        }
        else
        {
            // Every table loads and the counts match: only the foreign keys, added back after the load, see the lines without their sale.
            await ForgedBackup.RewriteAsync(path, services.GetRequiredService<BackupKey>(),
                (table, data) => table == "sales" ? ForgedBackup.WithoutFirstRow(data) : data,
                m => m with { Counts = new Dictionary<string, long>(m.Counts) { ["sales"] = m.Counts["sales"] - 1 } });
        }

        var error = await Assert.ThrowsAsync<InvalidBackupException>(() => services.GetRequiredService<RestoreService>().RestoreAsync(Admin, path));
        Assert.Contains(failure == "photo illisible" ? "table sale_photos sont illisibles" : "pas cohérentes", error.Message, StringComparison.Ordinal);
        Assert.Contains("aucune donnée n'a été modifiée", error.Message, StringComparison.Ordinal);
        Assert.Equal(current, await DumpAsync(fixture.ConnectionString));
        Assert.Equal(largestPhoto, await LargestPhotoAsync());
        Assert.Equal(structure, await StructureAsync());
    }

    [Fact]
    public async Task Every_index_constraint_and_trigger_is_back_after_a_restore()
    {
        var (services, _, path) = await SeedAndBackUpAsync();
        var before = await StructureAsync();
        Assert.Contains(before, s => s.Contains("ix_sales_search_text", StringComparison.Ordinal) && s.Contains("gin_trgm_ops", StringComparison.Ordinal));
        Assert.Contains(before, s => s.StartsWith("constraint sale_photos ", StringComparison.Ordinal) && s.Contains("FOREIGN KEY", StringComparison.Ordinal));

        // A later sale, in the planner's statistics before the restore.
        await AddLaterSaleAsync();
        const string HighestIdInStatistics =
            "SELECT (histogram_bounds::text::bigint[])[cardinality(histogram_bounds::text::bigint[])] FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'sales' AND attname = 'id'";
        await ScalarAsync("ANALYZE sales");
        Assert.Equal(await ScalarAsync("SELECT max(id) FROM sales"), await ScalarAsync(HighestIdInStatistics));

        await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, path);

        Assert.Equal(before, await StructureAsync());
        // The statistics are those of the restored rows (ANALYZE after the load), not the previous ones.
        Assert.Equal(12, await ScalarAsync("SELECT count(*) FROM sales"));
        Assert.Equal(await ScalarAsync("SELECT max(id) FROM sales"), await ScalarAsync(HighestIdInStatistics));
    }

    /// <summary>The sale with the 2.5 MB photo (the register's first sale): its row and its photo's stored bytes.</summary>
    private async Task<(string Sale, string Photo)> LargestPhotoAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT s::text, encode(p.data, 'base64') FROM sale_photos p JOIN sales s ON s.id = p.sale_id ORDER BY p.size_bytes DESC, p.id LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>Every index (with its definition and validity), constraint and trigger of the app's schema, one line each.</summary>
    private async Task<List<string>> StructureAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            """
            SELECT format('index %s %s %s valid=%s', t.relname, c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT format('constraint %s %s %s validated=%s deferrable=%s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid), k.convalidated, k.condeferrable)
            FROM pg_constraint k WHERE k.connamespace = current_schema()::regnamespace
            UNION ALL
            SELECT format('trigger %s %s %s', g.tgrelid::regclass, g.tgname, g.tgenabled)
            FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
            WHERE NOT g.tgisinternal AND t.relnamespace = current_schema()::regnamespace
            ORDER BY 1
            """, connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    [Fact]
    public async Task A_backup_from_before_suspicious_attempts_is_restored_with_that_table_emptied()
    {
        var (services, _, path) = await SeedAndBackUpAsync();
        var seeded = await DumpAsync(fixture.ConnectionString);
        var older = OlderBackup.WithoutTable(services.GetRequiredService<BackupKey>(), path, "suspicious_attempts", "20261201111410_EncryptedPhotos");
        // Recorded after that backup: the restore puts the register back as the backup had it, so without this attempt.
        await using (var db = await fixture.CreateDbContextAsync())
        {
            db.SuspiciousAttempts.Add(RefusedSale((await db.Stores.FirstAsync()).Id, fixture.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var manifest = await services.GetRequiredService<RestoreService>().VerifyAsync(Admin, older);
        Assert.False(manifest.Counts.ContainsKey("suspicious_attempts"));
        await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, older);

        var restored = await DumpAsync(fixture.ConnectionString);
        Assert.Empty(restored["suspicious_attempts"]);
        foreach (var table in Tables.Where(t => t is not "audit_events" and not "suspicious_attempts"))
        {
            Assert.Equal(seeded[table], restored[table]);
        }
        // The next attempt recorded gets an id of its own.
        await using var after = await fixture.CreateDbContextAsync();
        after.SuspiciousAttempts.Add(RefusedSale((await after.Stores.FirstAsync()).Id, fixture.Clock.GetUtcNow()));
        await after.SaveChangesAsync();
        Assert.Equal(1, await after.SuspiciousAttempts.CountAsync());
    }

    private async Task AddLaterSaleAsync()
    {
        await using var db = await fixture.CreateDbContextAsync();
        AddSale(db, (await db.Stores.FirstAsync()).Id, fixture.Clock.GetUtcNow(), "Apresdate");
        await db.SaveChangesAsync();
        // Its store's chain starts here, as on the app's next start (the restore command starts the app's services too).
        await fixture.Services.InitializeDatabaseAsync();
    }

}
