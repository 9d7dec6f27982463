using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Sales;

/// <summary>ID photos encrypted at rest on the real PostgreSQL: what the table holds, who gets the JPEG back, and the upgrade.</summary>
public class PhotoEncryptionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Caller Admin = new(1, "admin", "Administrateur", UserRole.Admin, null);
    private static readonly Caller Seller = new(7, "emma", "Emma Vendeuse", UserRole.Employee, 1);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record StoredPhoto(long Id, byte[] Data, string? KeyId, byte[]? Sha256, int SizeBytes);

    private async Task<List<StoredPhoto>> StoredPhotosAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, data, encryption_key_id, content_sha256, size_bytes FROM sale_photos ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var photos = new List<StoredPhoto>();
        while (await reader.ReadAsync())
        {
            photos.Add(new StoredPhoto(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3), reader.GetInt32(4)));
        }
        return photos;
    }

    private async Task<long> SaveSaleAsync(IServiceProvider? services = null) =>
        await (services ?? fixture.Services).GetRequiredService<SaleService>().CreateAsync(Seller, null, SaleSamples.ValidInput(), SaleSamples.Photos());

    /// <summary>A sale with three photos stored plain, as versions before encryption stored them.</summary>
    private async Task<Dictionary<long, byte[]>> AddPlainSalesAsync(int count)
    {
        await using var db = await fixture.CreateDbContextAsync();
        var sales = Enumerable.Range(0, count).Select(i => TestSales.Build(1, TestSales.AtParis(2026, 11, 20, 10, i % 60), photos: true)).ToArray();
        await TestSales.InsertAsync(db, sales);
        return sales.SelectMany(s => s.Photos).ToDictionary(p => p.Id, p => p.Data);
    }

    [Fact]
    public async Task The_stored_photo_bytes_are_not_the_jpeg_and_open_to_exactly_it_for_who_may_see_the_sale()
    {
        var uploads = SaleSamples.Photos();
        var saleId = await fixture.Services.GetRequiredService<SaleService>().CreateAsync(Seller, null, SaleSamples.ValidInput(), uploads);

        var key = fixture.Services.GetRequiredService<PhotoKey>();
        var history = fixture.Services.GetRequiredService<SaleHistoryService>();
        var details = await history.GetAsync(Seller, saleId);
        foreach (var stored in await StoredPhotosAsync())
        {
            var kind = details!.Photos.Single(p => p.Id == stored.Id).Kind;
            var jpeg = uploads.Single(u => u.Kind == kind).Photo.Data;
            Assert.NotEqual(jpeg, stored.Data);
            Assert.NotEqual([0xFF, 0xD8, 0xFF], stored.Data[..3]);
            Assert.False(stored.Data.AsSpan().IndexOf(jpeg.AsSpan(0, 64)) >= 0, "le début du JPEG apparaît en clair dans la base");
            Assert.Equal((key.Id, jpeg.Length), (stored.KeyId, stored.SizeBytes));
            Assert.Equal(SHA256.HashData(jpeg), stored.Sha256);
            Assert.Equal(jpeg, (await history.GetPhotoAsync(Seller, stored.Id))!.Data);
        }
        // The two sides of the card are the same picture here: still two different stored bytes (a nonce each).
        var stored2 = await StoredPhotosAsync();
        Assert.Equal(uploads[0].Photo.Data.Length, uploads[1].Photo.Data.Length);
        Assert.NotEqual(stored2[0].Data, stored2[1].Data);
    }

    [Fact]
    public async Task Photos_under_another_key_are_reported_clearly_and_neither_shown_nor_exported()
    {
        await SaveSaleAsync();
        var storedKey = fixture.Services.GetRequiredService<PhotoKey>().Id;
        var otherKey = new PhotoKey(RandomNumberGenerator.GetBytes(32));
        var elsewhere = fixture.BuildServices(s => s.AddSingleton(otherKey));
        var photoId = (await StoredPhotosAsync())[0].Id;

        var shown = await Assert.ThrowsAsync<PhotoUnreadableException>(() =>
            elsewhere.GetRequiredService<SaleHistoryService>().GetPhotoAsync(Admin, photoId));
        var exported = await Assert.ThrowsAsync<PhotoUnreadableException>(() =>
            elsewhere.GetRequiredService<ExportService>().PlanAsync(Admin, new SaleExportQuery(), ExportFormat.Pdf));
        var started = await Assert.ThrowsAsync<PhotoUnreadableException>(() => elsewhere.GetRequiredService<PhotoEncryption>().RunAsync("démarrage"));

        Assert.Contains($"autre clé (empreinte {storedKey}) que celle configurée (PHOTO_ENCRYPTION_KEY, empreinte {otherKey.Id})", shown.Message, StringComparison.Ordinal);
        Assert.StartsWith("Des photos de cet export ont été chiffrées avec une autre clé", exported.Message, StringComparison.Ordinal);
        Assert.StartsWith($"3 photos ont été chiffrées avec une autre clé (empreinte {storedKey})", started.Message, StringComparison.Ordinal);
        var alert = Assert.Single(await elsewhere.GetRequiredService<AlertService>().OpenAsync(Admin));
        Assert.Equal((AlertKinds.PhotoEncryptionFailed, started.Message), (alert.Kind, alert.Message));
    }

    [Fact]
    public async Task A_photo_changed_directly_in_the_database_is_reported_as_altered()
    {
        await SaveSaleAsync();
        var photoId = (await StoredPhotosAsync())[0].Id;
        await TestPostgres.ExecuteAsync(fixture.DatabaseName,
            $"UPDATE sale_photos SET data = overlay(data placing '\\x00'::bytea from 100 for 1) WHERE id = {photoId}");

        var error = await Assert.ThrowsAsync<PhotoUnreadableException>(() =>
            fixture.Services.GetRequiredService<SaleHistoryService>().GetPhotoAsync(Admin, photoId));

        Assert.StartsWith("Cette photo est illisible : son contenu chiffré a été modifié ou endommagé", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photos_stored_plain_before_the_upgrade_are_encrypted_at_start_in_batches_and_read_back_the_same()
    {
        var plain = await AddPlainSalesAsync(25);
        await SaveSaleAsync();
        var alreadyEncrypted = (await StoredPhotosAsync()).Where(p => p.KeyId is not null).ToList();
        Assert.Equal(75, plain.Count);

        var encrypted = await fixture.Services.GetRequiredService<PhotoEncryption>().RunAsync("démarrage");

        Assert.Equal(75, encrypted);
        var key = fixture.Services.GetRequiredService<PhotoKey>();
        var stored = await StoredPhotosAsync();
        Assert.All(stored, p => Assert.Equal(key.Id, p.KeyId));
        Assert.All(alreadyEncrypted, before => Assert.Equal(before.Data, stored.Single(p => p.Id == before.Id).Data));
        var history = fixture.Services.GetRequiredService<SaleHistoryService>();
        foreach (var (id, jpeg) in plain)
        {
            var row = stored.Single(p => p.Id == id);
            Assert.NotEqual(jpeg, row.Data);
            Assert.Equal(SHA256.HashData(jpeg), row.Sha256);
            Assert.Equal(jpeg, (await history.GetPhotoAsync(Admin, id))!.Data);
        }
        Assert.Equal(0, await fixture.Services.GetRequiredService<PhotoEncryption>().RunAsync("démarrage"));
    }

    [Fact]
    public async Task A_photo_another_instance_is_encrypting_is_left_to_it_and_a_later_run_finishes_the_work()
    {
        var plain = await AddPlainSalesAsync(2);
        var busy = plain.Keys.Min();
        var encryption = fixture.Services.GetRequiredService<PhotoEncryption>();
        int firstRun;
        await using (var other = new NpgsqlConnection(fixture.ConnectionString))
        {
            await other.OpenAsync();
            await using var transaction = await other.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand($"SELECT id FROM sale_photos WHERE id = {busy} FOR UPDATE", other, transaction))
            {
                await lockRow.ExecuteScalarAsync();
            }
            firstRun = await encryption.RunAsync("démarrage");
            // Interrupted here: the other instance stops before finishing its batch.
            await transaction.RollbackAsync();
        }

        Assert.Equal(5, firstRun);
        Assert.Null((await StoredPhotosAsync()).Single(p => p.Id == busy).KeyId);
        Assert.Equal(1, await encryption.RunAsync("démarrage"));
        Assert.All(await StoredPhotosAsync(), p => Assert.NotNull(p.KeyId));
    }

    [Fact]
    public async Task The_table_refuses_an_encrypted_photo_without_its_hash_or_with_a_size_that_is_not_its_jpegs()
    {
        await SaveSaleAsync();
        var id = (await StoredPhotosAsync())[0].Id;

        var noHash = await Assert.ThrowsAsync<PostgresException>(() =>
            TestPostgres.ExecuteAsync(fixture.DatabaseName, $"UPDATE sale_photos SET content_sha256 = NULL WHERE id = {id}"));
        var wrongSize = await Assert.ThrowsAsync<PostgresException>(() =>
            TestPostgres.ExecuteAsync(fixture.DatabaseName, $"UPDATE sale_photos SET size_bytes = size_bytes + 28 WHERE id = {id}"));

        Assert.Equal(("ck_sale_photos_sha256", "ck_sale_photos_size"), (noHash.ConstraintName, wrongSize.ConstraintName));
        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal(3, await db.SalePhotos.CountAsync(p => p.ContentSha256 != null));
    }
}
