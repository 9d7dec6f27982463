using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;

namespace RegisFlow.Tests.Stores;

public class StoreServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private StoreService Stores => fixture.StoreService();

    private async Task<Caller> AdminAsync() => (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller("203.0.113.9");

    [Fact]
    public async Task A_store_used_by_a_user_cannot_be_deleted_and_the_message_says_why()
    {
        var admin = await AdminAsync();
        var store = await fixture.AddStoreAsync();
        await fixture.AddUserAsync(UserRole.Employee, store.Id);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Stores.DeleteAsync(admin, store.Id));

        Assert.Contains("1 utilisateur y est rattaché", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Désactivez-le plutôt", refused.Message, StringComparison.Ordinal);
        await using var db = await fixture.CreateDbContextAsync();
        Assert.True(await db.Stores.AnyAsync(s => s.Id == store.Id));
    }

    [Fact]
    public async Task A_store_with_sales_cannot_be_deleted_but_can_be_deactivated()
    {
        var admin = await AdminAsync();
        var store = await fixture.AddStoreAsync();
        await fixture.AddSaleAsync(store.Id);
        await fixture.AddSaleAsync(store.Id);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Stores.DeleteAsync(admin, store.Id));
        await Stores.UpdateAsync(admin, store.Id, new StoreInput { Name = store.Name, IsActive = false });

        Assert.Contains("2 ventes y sont enregistrées", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await Stores.ActiveStoresAsync(admin), s => s.Id == store.Id);
        Assert.Contains(await Stores.ListAsync(admin), s => s.Id == store.Id && !s.IsActive && s.SaleCount == 2);
    }

    [Fact]
    public async Task An_unused_store_is_deleted()
    {
        var admin = await AdminAsync();
        var id = await Stores.CreateAsync(admin, new StoreInput { Name = TestAccounts.Unique("Éphémère") });

        await Stores.DeleteAsync(admin, id);

        Assert.DoesNotContain(await Stores.ListAsync(admin), s => s.Id == id);
    }

    [Fact]
    public async Task Store_names_are_unique_whatever_their_case_and_fields_are_checked_in_french()
    {
        var admin = await AdminAsync();
        var name = TestAccounts.Unique("Boutique");
        await Stores.CreateAsync(admin, new StoreInput { Name = name });

        var duplicate = await Assert.ThrowsAsync<InvalidInputException>(() => Stores.CreateAsync(admin, new StoreInput { Name = name.ToUpperInvariant() }));
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => Stores.CreateAsync(admin, new StoreInput { Name = " ", Email = "pas-un-email", Phone = "appelez-moi" }));

        Assert.Contains("s'appelle déjà", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal([nameof(StoreInput.Name), nameof(StoreInput.Phone), nameof(StoreInput.Email)], invalid.Errors.Select(e => e.Field));
        Assert.Contains("Le nom du magasin est obligatoire.", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_administration_a_user_only_sees_their_own_store_in_the_selector()
    {
        var own = await fixture.AddStoreAsync();
        await fixture.AddStoreAsync();
        var manager = (await fixture.AddUserAsync(UserRole.Manager, own.Id)).AsCaller();

        var stores = await Stores.ActiveStoresAsync(manager);

        Assert.Equal([own.Id], stores.Select(s => s.Id));
        Assert.True((await Stores.ActiveStoresAsync(await AdminAsync())).Count >= 2);
    }

    [Fact]
    public async Task Store_changes_are_audited()
    {
        var admin = await AdminAsync();
        var id = await Stores.CreateAsync(admin, new StoreInput { Name = TestAccounts.Unique("Audit"), Address = "2 place du Marché" });
        await Stores.UpdateAsync(admin, id, new StoreInput { Name = TestAccounts.Unique("Audit"), Phone = "04 00 00 00 00" });
        await Stores.DeleteAsync(admin, id);

        await using var db = await fixture.CreateDbContextAsync();
        var rows = await db.AuditEvents.Where(a => a.TargetType == "store" && a.TargetId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditActions.StoreCreated, AuditActions.StoreUpdated, AuditActions.StoreDeleted], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((admin.UserId, "203.0.113.9"), (r.UserId!.Value, r.ClientAddress)));
        Assert.Contains("04 00 00 00 00", rows[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_store_takes_cash_as_default_payment_and_optional_photos()
    {
        var admin = await AdminAsync();
        var id = await Stores.CreateAsync(admin, new StoreInput { Name = TestAccounts.Unique("Défauts") });

        var input = await Stores.GetForEditAsync(admin, id);

        Assert.Equal((PaymentMethod.Cash, false), (input.DefaultPaymentMethod, input.PhotosRequired));
    }

    [Fact]
    public async Task The_sale_settings_are_saved_and_no_default_payment_stays_none()
    {
        var admin = await AdminAsync();
        var id = await Stores.CreateAsync(admin, new StoreInput { Name = TestAccounts.Unique("Réglages"), DefaultPaymentMethod = PaymentMethod.Card, PhotosRequired = true });
        var input = await Stores.GetForEditAsync(admin, id);
        Assert.Equal((PaymentMethod.Card, true), (input.DefaultPaymentMethod, input.PhotosRequired));

        input.DefaultPaymentMethod = null;
        await Stores.UpdateAsync(admin, id, input);

        await using var db = await fixture.CreateDbContextAsync();
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == id);
        Assert.Equal(((PaymentMethod?)null, true), (store.DefaultPaymentMethod, store.PhotosRequired));
    }

    [Fact]
    public async Task An_unknown_default_payment_is_refused_in_french_and_changes_nothing()
    {
        var admin = await AdminAsync();
        var id = await Stores.CreateAsync(admin, new StoreInput { Name = TestAccounts.Unique("Paiement") });
        var input = await Stores.GetForEditAsync(admin, id);
        input.DefaultPaymentMethod = (PaymentMethod)42;

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Stores.UpdateAsync(admin, id, input));

        Assert.Equal([nameof(StoreInput.DefaultPaymentMethod)], refused.Errors.Select(e => e.Field));
        Assert.Contains("Choisissez un moyen de paiement de la liste", refused.Message, StringComparison.Ordinal);
        Assert.Equal(PaymentMethod.Cash, (await Stores.GetForEditAsync(admin, id)).DefaultPaymentMethod);
    }

    [Fact]
    public async Task The_sale_form_reads_the_default_payment_of_its_store()
    {
        var admin = await AdminAsync();
        var id = await Stores.CreateAsync(admin, new StoreInput { Name = TestAccounts.Unique("Carte"), DefaultPaymentMethod = PaymentMethod.Cheque });
        var seller = (await fixture.AddUserAsync(UserRole.Employee, id)).AsCaller();

        var store = await fixture.Services.GetRequiredService<SaleService>().TargetStoreAsync(seller, null);

        Assert.Equal(PaymentMethod.Cheque, store.DefaultPaymentMethod);
    }

    [Fact]
    public async Task A_manager_changes_the_sale_settings_of_their_store_and_it_is_audited()
    {
        var store = await fixture.AddStoreAsync();
        var manager = (await fixture.AddUserAsync(UserRole.Manager, store.Id)).AsCaller();

        var edit = await Stores.GetSaleSettingsAsync(manager, null);
        Assert.Equal((store.Id, PaymentMethod.Cash, false), (edit.StoreId, edit.Settings.DefaultPaymentMethod, edit.Settings.PhotosRequired));
        await Stores.UpdateSaleSettingsAsync(manager, null, new StoreSaleSettings { DefaultPaymentMethod = null, PhotosRequired = true });

        await using var db = await fixture.CreateDbContextAsync();
        var saved = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == store.Id);
        Assert.Equal(((PaymentMethod?)null, true, store.Name), (saved.DefaultPaymentMethod, saved.PhotosRequired, saved.Name));
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.StoreUpdated && a.TargetId == store.Id.ToString());
        Assert.Contains("photosRequired", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_an_employee_nor_the_manager_of_another_store_may_change_the_sale_settings()
    {
        var store = await fixture.AddStoreAsync();
        var other = await fixture.AddStoreAsync();
        var employee = (await fixture.AddUserAsync(UserRole.Employee, store.Id)).AsCaller();
        var otherManager = (await fixture.AddUserAsync(UserRole.Manager, other.Id)).AsCaller();
        var settings = new StoreSaleSettings { PhotosRequired = true };

        await Assert.ThrowsAsync<AccessDeniedException>(() => Stores.UpdateSaleSettingsAsync(employee, null, settings));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stores.UpdateSaleSettingsAsync(otherManager, store.Id, settings));
        var admin = await AdminAsync();
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Stores.UpdateSaleSettingsAsync(admin, store.Id, new StoreSaleSettings { DefaultPaymentMethod = (PaymentMethod)42, PhotosRequired = true }));

        Assert.Contains("Choisissez un moyen de paiement de la liste", invalid.Message, StringComparison.Ordinal);
        await using var db = await fixture.CreateDbContextAsync();
        Assert.False((await db.Stores.AsNoTracking().SingleAsync(s => s.Id == store.Id)).PhotosRequired);
    }
}
