using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Integrity;
using RegisFlow.Tests.Backups;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Integrity;

public class ChainBackupTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_restored_backup_brings_back_the_chain_as_it_was_and_it_verifies()
    {
        await fixture.ResetAsync();
        var services = fixture.WithBackupDirectory(fixture.NewBackupDirectory());
        var first = await services.RecordAsync(1, "Martin");
        var deleted = await services.RecordAsync(1, "Bernard");
        await services.GetRequiredService<SaleHistoryService>().DeleteAsync(Admin, deleted, "Erreur de saisie");
        await services.RecordAsync(1, "Petit");
        var atBackup = await DumpAsync(fixture.ConnectionString);
        var backup = await services.GetRequiredService<BackupService>().CreateAsync(Admin);

        // After the backup: one more sale, one more deletion — both gone again with the restore.
        await services.GetRequiredService<SaleHistoryService>().DeleteAsync(Admin, first, "Vente annulée");
        await services.RecordAsync(1, "Robert");
        await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, services.GetRequiredService<BackupService>().StoredPath(backup.FileName));

        var restored = await DumpAsync(fixture.ConnectionString);
        foreach (var table in new[] { "sales", "sale_lines", "sale_photos", "sale_tombstones", "chain_heads" })
        {
            Assert.Equal(atBackup[table], restored[table]);
        }
        var report = await services.GetRequiredService<IntegrityService>().CheckAsync(Admin);
        Assert.True(report.Passed, report.Summary);
        Assert.Equal((3L, 2L, 1L), (report.Stores[0].Length, report.Stores[0].SalesChecked, report.Stores[0].Removed));

        // The next sale follows the restored chain.
        await services.RecordAsync(1, "Richard");
        Assert.True((await services.GetRequiredService<IntegrityService>().CheckAsync(Admin)).Passed);
    }
}
