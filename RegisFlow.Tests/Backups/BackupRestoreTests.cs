using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
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

        await TestPostgres.ExecuteAsync(fixture.DatabaseName,
            "TRUNCATE stores, users, sales, sale_lines, sale_photos, audit_events, login_attempts CASCADE; "
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
        var key = await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, BackupKey.GeneratedKeyFileName));
        string[] settings = [$"--ConnectionStrings:RegisFlow={fixture.ConnectionString}", $"--RegisFlow:DataDirectory={fixture.DataDirectory}", $"--RegisFlow:Backups:Key={key}"];

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

    private async Task AddLaterSaleAsync()
    {
        await using var db = await fixture.CreateDbContextAsync();
        AddSale(db, (await db.Stores.FirstAsync()).Id, fixture.Clock.GetUtcNow(), "Apresdate");
        await db.SaveChangesAsync();
    }

}
