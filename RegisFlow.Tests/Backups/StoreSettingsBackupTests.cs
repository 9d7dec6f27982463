using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Sales;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

/// <summary>Stores from before the sale settings, upgraded or restored from an older backup, take cash by default and optional photos.</summary>
public class StoreSettingsBackupTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task A_store_from_before_the_sale_settings_gets_cash_and_optional_photos_after_the_upgrade_and_after_a_restore()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261202023945_StoreCatalogue");
        }
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, """
            INSERT INTO stores (id, name, address, is_active, created_at, updated_at) OVERRIDING SYSTEM VALUE
            VALUES (7, 'Magasin Ancien', '', true, now(), now());
            INSERT INTO users (id, user_name, normalized_user_name, first_name, last_name, role, store_id, is_active, password_hash,
                               must_change_password, security_stamp, created_at, updated_at) OVERRIDING SYSTEM VALUE
            VALUES (1, 'admin', 'ADMIN', 'Admin', 'Istrateur', 'Admin', NULL, true, 'x', false, 's1', now(), now());
            """);
        var directory = fixture.NewBackupDirectory();
        var services = fixture.WithBackupDirectory(directory);
        var backup = await services.GetRequiredService<BackupService>().CreateAsync(Admin);

        await fixture.Services.InitializeDatabaseAsync();
        Assert.Equal((PaymentMethod.Cash, false), await SettingsAsync());
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, "UPDATE stores SET default_payment_method = NULL, photos_required = true WHERE id = 7");

        await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, Path.Combine(directory, backup.FileName));

        Assert.Equal((PaymentMethod.Cash, false), await SettingsAsync());
    }

    private async Task<(PaymentMethod?, bool)> SettingsAsync()
    {
        await using var db = await fixture.CreateDbContextAsync();
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == 7);
        return (store.DefaultPaymentMethod, store.PhotosRequired);
    }
}
