using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Sales;

namespace RegisFlow.Tests.Foundation;

/// <summary>A register whose photos were stored plain keeps them through the upgrade: hashed by the migration, encrypted at start.</summary>
public class EncryptedPhotosMigrationTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Plain_photos_get_their_sha256_from_the_migration_then_are_encrypted_at_start_and_read_back_the_same()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261201111115_RegisterIntegrityAndAudit");
        }
        await TestPostgres.ExecuteAsync(fixture.DatabaseName,
            "INSERT INTO stores (name, address, is_active, created_at, updated_at) VALUES ('Magasin Ancien', '', true, now(), now())");
        // Today's model writes the sale: the column it has and that migration's table lacks is there for the insert only.
        const string laterSaleColumn = "missing_photos_reason";
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, $"ALTER TABLE sales ADD COLUMN {laterSaleColumn} varchar(500)");
        long saleId;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            // Only the id: the stores table of that migration lacks the columns added since.
            var sale = TestSales.Build(db.Stores.Select(s => s.Id).Single(), TestSales.AtParis(2026, 11, 20, 10));
            db.Sales.Add(sale);
            await db.SaveChangesAsync();
            saleId = sale.Id;
        }
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, $"ALTER TABLE sales DROP COLUMN {laterSaleColumn}");
        var jpeg = TestImages.Jpeg(640, 480);
        await TestPostgres.ExecuteAsync(fixture.DatabaseName,
            "INSERT INTO sale_photos (sale_id, kind, content_type, size_bytes, width, height, data, created_at) "
            + $"VALUES ({saleId}, 'IdFront', 'image/jpeg', {jpeg.Length}, 640, 480, decode('{Convert.ToHexString(jpeg)}', 'hex'), now())");

        await fixture.Services.InitializeDatabaseAsync();

        await using (var migrated = await fixture.CreateDbContextAsync())
        {
            var photo = await migrated.SalePhotos.SingleAsync();
            Assert.Equal(SHA256.HashData(jpeg), photo.ContentSha256);
            Assert.Null(photo.EncryptionKeyId);
        }
        Assert.Equal(1, await fixture.Services.GetRequiredService<PhotoEncryption>().RunAsync("démarrage"));
        await using var encrypted = await fixture.CreateDbContextAsync();
        var stored = await encrypted.SalePhotos.SingleAsync();
        Assert.Equal(fixture.Services.GetRequiredService<PhotoKey>().Id, stored.EncryptionKeyId);
        Assert.NotEqual(jpeg, stored.Data);
        var admin = TestSales.CallerFor(await encrypted.Users.SingleAsync(u => u.Role == UserRole.Admin));
        Assert.Equal(jpeg, (await fixture.Services.GetRequiredService<SaleHistoryService>().GetPhotoAsync(admin, stored.Id))!.Data);
    }
}
