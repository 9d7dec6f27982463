using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Sales;

/// <summary>Saving sales on the real database: whole or not at all, in the right store.</summary>
public class SaleServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int MainStoreId = 1;
    private static readonly Caller Admin = new(1, "admin", "Administrateur", UserRole.Admin, null);

    private SaleService Service => fixture.Services.GetRequiredService<SaleService>();

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Caller Employee(int storeId) => new(7, "emma", "Emma Vendeuse", UserRole.Employee, storeId);

    private static List<PhotoUpload> Photos(byte[]? idFront = null) => SaleSamples.Photos(idFront);

    private async Task<int> AddStoreAsync(string name, bool active = true)
    {
        await using var db = await fixture.CreateDbContextAsync();
        var store = new Store { Name = name, IsActive = active };
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        return store.Id;
    }

    /// <summary>Turns on the store's setting « Photos obligatoires ».</summary>
    private async Task RequirePhotosAsync(int storeId)
    {
        await using var db = await fixture.CreateDbContextAsync();
        await db.Stores.Where(s => s.Id == storeId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PhotosRequired, true));
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal(0, await db.Sales.CountAsync());
        Assert.Equal(0, await db.SaleLines.CountAsync());
        Assert.Equal(0, await db.SalePhotos.CountAsync());
    }

    private async Task<AuditEvent> SingleAuditAsync(string action)
    {
        await using var db = await fixture.CreateDbContextAsync();
        return await db.AuditEvents.SingleAsync(e => e.Action == action);
    }

    [Fact]
    public async Task A_valid_sale_with_two_lines_and_three_photos_is_stored_whole()
    {
        var photos = Photos();
        var id = await Service.CreateAsync(Employee(MainStoreId), null, SaleSamples.ValidInput(), photos);

        await using var db = await fixture.CreateDbContextAsync();
        var sale = await db.Sales.Include(s => s.Lines).Include(s => s.Photos).SingleAsync();
        Assert.Equal(id, sale.Id);
        Assert.Equal(MainStoreId, sale.StoreId);
        Assert.Equal(fixture.Clock.GetUtcNow(), sale.SoldAt);
        Assert.Equal(("Lefèvre", "Élodie Marie", "Paul Vendeur", 7), (sale.BuyerLastName, sale.BuyerFirstNames, sale.SellerName, sale.CreatedByUserId));
        Assert.Equal(new DateOnly(1985, 6, 14), sale.BuyerBirthDate);
        Assert.Equal(
            [(1, ArticleType.Rocket, FireworkCategory.F2, 3, "4006381333931"), (2, ArticleType.Battery, FireworkCategory.F3, 1, "5901234123457")],
            sale.Lines.OrderBy(l => l.Position).Select(l => (l.Position, l.ArticleType, l.Category, l.Quantity, l.Reference)));
        Assert.Equal(SaleSamples.AllPhotos, sale.Photos.Select(p => p.Kind).Order());
        var key = fixture.Services.GetRequiredService<PhotoKey>();
        Assert.All(sale.Photos, p =>
        {
            var jpeg = photos.Single(u => u.Kind == p.Kind).Photo.Data;
            Assert.Equal("image/jpeg", p.ContentType);
            Assert.Equal(jpeg, key.Open(p.Data, p.EncryptionKeyId, p.ContentSha256));
            Assert.Equal(jpeg.Length, p.SizeBytes);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(jpeg), p.ContentSha256);
        });
        // The buyer's names, the document number and the birth place; not the seller (searching « hélène » finds buyers).
        Assert.Contains("lefevre elodie marie x4rtbpfw4 besancon", sale.SearchText, StringComparison.Ordinal);
        Assert.DoesNotContain("vendeur", sale.SearchText, StringComparison.Ordinal);
        Assert.Contains("fusee", sale.SearchText, StringComparison.Ordinal);

        var audit = await SingleAuditAsync(AuditActions.SaleCreated);
        Assert.Equal((MainStoreId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.StoreId, audit.TargetId));
        using var details = System.Text.Json.JsonDocument.Parse(audit.Details!);
        Assert.Equal(2, details.RootElement.GetProperty("lines").GetInt32());
        Assert.DoesNotContain("Lef", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_keep_an_ean8_and_a_declared_shop_reference_with_their_kind_and_are_found_by_them()
    {
        var input = SaleSamples.ValidInput();
        input.Lines[0].Reference = " 96385074 ";
        input.Lines[1].Reference = "PET-Rouge 12";
        input.Lines[1].WithoutBarcode = true;

        await Service.CreateAsync(Employee(MainStoreId), null, input, Photos());

        await using var db = await fixture.CreateDbContextAsync();
        var sale = await db.Sales.Include(s => s.Lines).SingleAsync();
        Assert.Equal([("96385074", ReferenceKind.Ean8), ("PET-Rouge 12", ReferenceKind.Shop)],
            sale.Lines.OrderBy(l => l.Position).Select(l => (l.Reference, l.ReferenceKind)));
        Assert.Contains("96385074", sale.SearchText, StringComparison.Ordinal);
        Assert.Contains("pet-rouge 12", sale.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shop_reference_not_declared_as_such_is_refused_and_nothing_is_stored()
    {
        var input = SaleSamples.ValidInput();
        input.Lines[1].Reference = "PET-ROUGE-12";

        var refused = await Assert.ThrowsAsync<SaleRefusedException>(() => Service.CreateAsync(Employee(MainStoreId), null, input, Photos()));

        Assert.Contains("cochez « Sans code-barres »", refused.Errors.For("Lines[1].Reference"), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_invalid_sale_stores_nothing_and_the_refusal_is_reported_without_personal_data()
    {
        var input = SaleSamples.ValidInput();
        input.Lines[1].Reference = "5901234123450";

        var refused = await Assert.ThrowsAsync<SaleRefusedException>(() => Service.CreateAsync(Employee(MainStoreId), null, input, Photos()));

        Assert.Equal("Le code EAN-13 est invalide (clé de contrôle incorrecte) : vérifiez la saisie.", refused.Errors.For("Lines[1].Reference"));
        await AssertNothingStoredAsync();
        var audit = await SingleAuditAsync(AuditActions.SaleRefused);
        Assert.Contains("Lines[1].Reference", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Lef", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("5901234123450", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sale_to_a_buyer_under_18_is_refused_and_reported()
    {
        var input = SaleSamples.ValidInput();
        input.BuyerBirthDate = SaleSamples.SaleDate.AddYears(-18).AddDays(1);

        var refused = await Assert.ThrowsAsync<SaleRefusedException>(() => Service.CreateAsync(Employee(MainStoreId), null, input, Photos()));

        Assert.Equal("Vente refusée : l'acheteur doit avoir au moins 18 ans le jour de la vente.", refused.Errors.For(SaleFields.BuyerBirthDate));
        await AssertNothingStoredAsync();
        var audit = await SingleAuditAsync(AuditActions.SaleRefused);
        Assert.Contains("18 ans", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(input.BuyerBirthDate.Value.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_that_is_not_a_processed_jpeg_is_refused_at_save_and_nothing_is_stored()
    {
        var photos = Photos();
        photos[2] = new PhotoUpload(PhotoKind.Receipt, new ProcessedPhoto("Ceci est un fichier texte renommé en .jpg"u8.ToArray(), 40, 1));

        var refused = await Assert.ThrowsAsync<SaleRefusedException>(() =>
            Service.CreateAsync(Employee(MainStoreId), null, SaleSamples.ValidInput(), photos));

        Assert.Equal(PhotoProcessor.Unreadable, refused.Errors.For(SaleFields.Photo(PhotoKind.Receipt)));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_4000_by_3000_photo_with_exif_orientation_6_is_stored_upright_at_2000_pixels()
    {
        var sideways = TestImages.WithExifOrientation(TestImages.Jpeg(4000, 3000), 6);

        await Service.CreateAsync(Employee(MainStoreId), null, SaleSamples.ValidInput(), Photos(idFront: sideways));

        await using var db = await fixture.CreateDbContextAsync();
        var photo = await db.SalePhotos.SingleAsync(p => p.Kind == PhotoKind.IdFront);
        var jpeg = fixture.Services.GetRequiredService<PhotoKey>().Open(photo.Data, photo.EncryptionKeyId, photo.ContentSha256);
        Assert.Equal((1500, 2000), (photo.Width, photo.Height));
        using var stored = SkiaSharp.SKBitmap.Decode(jpeg);
        Assert.Equal((1500, 2000), (stored.Width, stored.Height));
        Assert.True(TestImages.IsReddish(TestImages.PixelAt(jpeg, 0.5, 0.2)), "the left of the sensor image should now be at the top");
        Assert.True(TestImages.IsBluish(TestImages.PixelAt(jpeg, 0.5, 0.8)));
    }

    [Fact]
    public async Task A_passport_needs_no_photo_of_its_back()
    {
        await RequirePhotosAsync(MainStoreId);
        var input = SaleSamples.ValidInput();
        input.IdDocumentType = IdDocumentType.Passport;
        var photos = Photos().Where(p => p.Kind != PhotoKind.IdBack).ToList();

        await Service.CreateAsync(Employee(MainStoreId), null, input, photos);

        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal(2, await db.SalePhotos.CountAsync());
    }

    [Fact]
    public async Task An_employee_cannot_save_into_another_store()
    {
        var otherStore = await AddStoreAsync("Magasin de Lyon");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.CreateAsync(Employee(MainStoreId), otherStore, SaleSamples.ValidInput(), Photos()));

        Assert.Equal("Vous ne pouvez enregistrer des ventes que dans votre magasin.", denied.Message);
        await AssertNothingStoredAsync();
        Assert.Equal(MainStoreId, (await SingleAuditAsync(AuditActions.AccessDenied)).StoreId);
    }

    [Fact]
    public async Task An_admin_must_pick_a_store_and_then_saves_into_it()
    {
        var lyon = await AddStoreAsync("Magasin de Lyon");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.CreateAsync(Admin, null, SaleSamples.ValidInput(), Photos()));
        Assert.Equal("Choisissez d'abord un magasin dans la barre du haut.", denied.Message);
        await AssertNothingStoredAsync();

        await Service.CreateAsync(Admin, lyon, SaleSamples.ValidInput(), Photos());
        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal(lyon, (await db.Sales.SingleAsync()).StoreId);
    }

    [Fact]
    public async Task Nothing_is_saved_into_a_deactivated_store()
    {
        var closed = await AddStoreAsync("Ancien magasin", active: false);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateAsync(Admin, closed, SaleSamples.ValidInput(), Photos()));

        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task The_store_shown_on_the_form_is_the_employees_own()
    {
        var store = await Service.TargetStoreAsync(Employee(MainStoreId), null);
        Assert.Equal(new SaleStore(MainStoreId, "Magasin Principal", PaymentMethod.Cash, false), store);
    }

    [Fact]
    public async Task A_store_with_optional_photos_accepts_a_sale_without_photos()
    {
        var id = await Service.CreateAsync(Employee(MainStoreId), null, SaleSamples.ValidInput(), []);

        await using var db = await fixture.CreateDbContextAsync();
        var sale = await db.Sales.SingleAsync();
        Assert.Equal((id, 0, (string?)null), (sale.Id, sale.PhotoCount, sale.MissingPhotosReason));
    }

    [Fact]
    public async Task A_store_requiring_photos_refuses_a_sale_without_them_in_french_and_stores_nothing()
    {
        await RequirePhotosAsync(MainStoreId);

        var refused = await Assert.ThrowsAsync<SaleRefusedException>(() =>
            Service.CreateAsync(Employee(MainStoreId), null, SaleSamples.ValidInput(), Photos().Where(p => p.Kind != PhotoKind.Receipt).ToList()));

        Assert.Equal("La photo du ticket de caisse est obligatoire.", refused.Errors.For(SaleFields.Photo(PhotoKind.Receipt)));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task The_setting_of_the_target_store_decides_not_the_sellers_own()
    {
        var lyon = await AddStoreAsync("Magasin de Lyon");
        await RequirePhotosAsync(lyon);

        await Assert.ThrowsAsync<SaleRefusedException>(() => Service.CreateAsync(Admin, lyon, SaleSamples.ValidInput(), []));
        await Service.CreateAsync(Admin, MainStoreId, SaleSamples.ValidInput(), []);

        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal(MainStoreId, (await db.Sales.SingleAsync()).StoreId);
    }

    [Fact]
    public async Task With_a_reason_a_store_requiring_photos_saves_the_sale_and_keeps_the_reason_and_audits_it()
    {
        await RequirePhotosAsync(MainStoreId);
        var input = SaleSamples.ValidInput();
        input.MissingPhotosReason = "  Appareil photo en panne ";

        var id = await Service.CreateAsync(Employee(MainStoreId), null, input, Photos().Where(p => p.Kind == PhotoKind.Receipt).ToList());

        await using var db = await fixture.CreateDbContextAsync();
        var sale = await db.Sales.SingleAsync();
        Assert.Equal((id, 1, "Appareil photo en panne"), (sale.Id, sale.PhotoCount, sale.MissingPhotosReason));
        Assert.Contains("Appareil photo en panne", (await SingleAuditAsync(AuditActions.SaleCreated)).Details, StringComparison.Ordinal);
        var record = await fixture.Services.GetRequiredService<RegisFlow.Domain.History.SaleHistoryService>().GetAsync(Employee(MainStoreId), id);
        Assert.Equal("Appareil photo en panne", record?.MissingPhotosReason);
    }

    [Fact]
    public async Task A_reason_left_in_the_form_while_no_photo_is_missing_is_not_stored()
    {
        await RequirePhotosAsync(MainStoreId);
        var input = SaleSamples.ValidInput();
        input.MissingPhotosReason = "Appareil photo en panne";

        await Service.CreateAsync(Employee(MainStoreId), null, input, Photos());

        await using var db = await fixture.CreateDbContextAsync();
        Assert.Null((await db.Sales.SingleAsync()).MissingPhotosReason);
    }
}
