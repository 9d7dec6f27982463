using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Stores;

namespace RegisFlow.Tests.Stores;

/// <summary>The store dialog edits the sale form's settings: default payment method and required photos.</summary>
public class StoreDialogTests : ComponentTestBase, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DatabaseFixture _fixture;

    public StoreDialogTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        Services.AddSingleton(fixture.StoreService());
        Services.AddScoped<CurrentCaller>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover services only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(int storeId)
    {
        var admin = await _fixture.AddUserAsync(UserRole.Admin, null);
        AddAuthorization().SetAuthorized(admin.UserName).SetRoles(nameof(UserRole.Admin))
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var input = await _fixture.StoreService().GetForEditAsync(admin.AsCaller(), storeId);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<StoreDialog> { { d => d.StoreId, storeId }, { d => d.Input, input } };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<StoreDialog>("Modifier le magasin", parameters));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=default-payment]"));
        return dialogs;
    }

    private static Task SaveAsync(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Enregistrer").Click(new()));

    [Fact]
    public async Task The_dialog_shows_cash_by_default_and_saves_no_default_payment_and_required_photos()
    {
        var store = await _fixture.AddStoreAsync();
        var dialogs = await OpenAsync(store.Id);
        var payment = dialogs.FindComponent<MudSelect<string>>();
        Assert.Equal("Espèce", payment.Find("input").GetAttribute("value"));
        Assert.Contains("Photos obligatoires", dialogs.Markup, StringComparison.Ordinal);

        await dialogs.InvokeAsync(() => payment.Instance.ValueChanged.InvokeAsync(""));
        await dialogs.InvokeAsync(() => dialogs.FindComponents<MudSwitch<bool>>()
            .Single(s => s.Markup.Contains("Photos obligatoires", StringComparison.Ordinal)).Instance.ValueChanged.InvokeAsync(true));
        await SaveAsync(dialogs);

        var saved = await WaitForAsync(store.Id, s => s.PhotosRequired);
        Assert.Equal(((PaymentMethod?)null, true), (saved.DefaultPaymentMethod, saved.PhotosRequired));
    }

    [Fact]
    public async Task The_dialog_saves_another_default_payment()
    {
        var store = await _fixture.AddStoreAsync();
        var dialogs = await OpenAsync(store.Id);

        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(nameof(PaymentMethod.Card)));
        await SaveAsync(dialogs);

        var saved = await WaitForAsync(store.Id, s => s.DefaultPaymentMethod == PaymentMethod.Card);
        Assert.False(saved.PhotosRequired);
    }

    // The dialog saves on the renderer's thread: waits for the row that save writes, as long as a busy machine needs.
    private async Task<Store> WaitForAsync(int storeId, Func<Store, bool> saved)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = await _fixture.CreateDbContextAsync();
            var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == storeId);
            if (saved(store))
            {
                return store;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Le magasin {storeId} n'a pas été enregistré en 30 s.");
    }
}
