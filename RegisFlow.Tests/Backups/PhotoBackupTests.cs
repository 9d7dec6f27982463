using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Sales;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

/// <summary>
/// Photos stay encrypted in a backup (its manifest notes the photo key's fingerprint): the restore gives back exactly
/// the JPEGs that were saved, needs the same photo key, and brings a backup from before encryption up to date.
/// </summary>
public class PhotoBackupTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly Caller Seller = new(7, "emma", "Emma Vendeuse", UserRole.Employee, 1);

    private async Task WipeAsync() => await TestPostgres.ExecuteAsync(fixture.DatabaseName,
        // As the fixture's reset: the audit trail's triggers refuse to empty it, so they are off for the wipe.
        "SET session_replication_role = replica; "
        + "TRUNCATE stores, users, sales, sale_lines, sale_photos, audit_events, login_attempts, chain_heads, sale_tombstones CASCADE; "
        + "RESET session_replication_role; "
        + "INSERT INTO stores (name, is_active, created_at, updated_at) VALUES ('Autre magasin', true, now(), now())");

    /// <summary>Each photo's JPEG as the history gives it (decrypted), by photo id.</summary>
    private static async Task<Dictionary<long, byte[]>> JpegsAsync(IServiceProvider services, long saleId)
    {
        var history = services.GetRequiredService<SaleHistoryService>();
        var details = await history.GetAsync(Admin, saleId);
        var jpegs = new Dictionary<long, byte[]>();
        foreach (var photo in details!.Photos)
        {
            jpegs[photo.Id] = (await history.GetPhotoAsync(Admin, photo.Id))!.Data;
        }
        return jpegs;
    }

    [Fact]
    public async Task A_backup_keeps_the_photos_encrypted_and_its_restore_gives_back_exactly_the_jpegs_saved()
    {
        await fixture.ResetAsync();
        var uploads = SaleSamples.Photos();
        var saleId = await fixture.Services.GetRequiredService<SaleService>().CreateAsync(Seller, null, SaleSamples.ValidInput(), uploads);
        var saved = await JpegsAsync(fixture.Services, saleId);
        Assert.Equal(uploads.Select(u => u.Photo.Data).OrderBy(Convert.ToBase64String), saved.Values.OrderBy(Convert.ToBase64String));
        var directory = fixture.NewBackupDirectory();
        var services = fixture.WithBackupDirectory(directory);
        var backup = await services.GetRequiredService<BackupService>().CreateAsync(Admin);
        var path = Path.Combine(directory, backup.FileName);
        var photoKey = services.GetRequiredService<PhotoKey>();

        var manifest = await services.GetRequiredService<RestoreService>().VerifyAsync(Admin, path);
        await WipeAsync();
        await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, path);

        Assert.Equal([photoKey.Id], manifest.PhotoKeyIds);
        var restored = await JpegsAsync(services, saleId);
        Assert.Equal(saved.Keys.Order(), restored.Keys.Order());
        Assert.All(saved, photo => Assert.Equal(photo.Value, restored[photo.Key]));
        // The weekly restore test compares the stored photos with the manifest's checksum: it holds for encrypted ones.
        var proof = await services.GetRequiredService<BackupProofService>().RunAsync(Admin);
        Assert.True(proof.Succeeded, proof.Message);
        Assert.Contains("empreinte des photos identique", proof.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_whose_photos_are_under_another_photo_key_is_refused_before_anything_changes()
    {
        await fixture.ResetAsync();
        await fixture.Services.GetRequiredService<SaleService>().CreateAsync(Seller, null, SaleSamples.ValidInput(), SaleSamples.Photos());
        var directory = fixture.NewBackupDirectory();
        var backup = await fixture.WithBackupDirectory(directory).GetRequiredService<BackupService>().CreateAsync(Admin);
        var current = await DumpAsync(fixture.ConnectionString);
        var otherPhotoKey = new PhotoKey(RandomNumberGenerator.GetBytes(32));
        var elsewhere = fixture.BuildServices(s =>
        {
            s.AddSingleton(new RegisFlowOptions { DataDirectory = fixture.DataDirectory, BackupDirectory = directory });
            s.AddSingleton(otherPhotoKey);
        });

        var error = await Assert.ThrowsAsync<InvalidBackupException>(() =>
            elsewhere.GetRequiredService<RestoreService>().RestoreAsync(Admin, Path.Combine(directory, backup.FileName)));

        Assert.StartsWith("Les photos de cette sauvegarde sont chiffrées avec une autre clé des photos (empreinte "
            + $"{fixture.Services.GetRequiredService<PhotoKey>().Id}) que celle configurée (PHOTO_ENCRYPTION_KEY, empreinte {otherPhotoKey.Id})",
            error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Aucune donnée n'a été modifiée.", error.Message, StringComparison.Ordinal);
        Assert.Equal(current, await DumpAsync(fixture.ConnectionString));
    }

    [Fact]
    public async Task A_backup_from_before_encryption_is_restored_hashed_then_encrypted_and_reads_the_same()
    {
        await fixture.ResetAsync();
        var sale = TestSales.Build(1, TestSales.AtParis(2026, 11, 20, 10), photos: true);
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, sale);
        }
        var plain = sale.Photos.ToDictionary(p => p.Id, p => p.Data);
        var directory = fixture.NewBackupDirectory();
        var services = fixture.WithBackupDirectory(directory);
        var backup = await services.GetRequiredService<BackupService>().CreateAsync(Admin);
        await WipeAsync();

        var manifest = await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, Path.Combine(directory, backup.FileName));
        await using (var db = await fixture.CreateDbContextAsync())
        {
            Assert.All(db.SalePhotos, p =>
            {
                Assert.Null(p.EncryptionKeyId);
                Assert.Equal(SHA256.HashData(plain[p.Id]), p.ContentSha256);
            });
        }
        Assert.Equal(3, await services.GetRequiredService<PhotoEncryption>().RunAsync("après restauration"));

        Assert.Empty(manifest.PhotoKeyIds!);
        var restored = await JpegsAsync(services, sale.Id);
        Assert.All(plain, photo => Assert.Equal(photo.Value, restored[photo.Key]));
        await using var after = await fixture.CreateDbContextAsync();
        Assert.All(after.SalePhotos, p => Assert.NotNull(p.EncryptionKeyId));
    }
}
