using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Stores;

namespace RegisFlow.Tests.Stores;

/// <summary>« Réglages de vente »: the manager of a store sets its default payment method and required photos.</summary>
public class SaleSettingsPageTests : ComponentTestBase, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DatabaseFixture _fixture;

    public SaleSettingsPageTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        Services.AddSingleton(fixture.StoreService());
        Services.AddScoped<CurrentCaller>();
        Services.AddScoped<SelectedStore>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover services only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public async Task A_manager_sees_the_settings_of_their_store_and_saves_new_ones()
    {
        var store = await _fixture.AddStoreAsync();
        var manager = await _fixture.AddUserAsync(UserRole.Manager, store.Id);
        AddAuthorization().SetAuthorized(manager.UserName).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, manager.Id.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Role, nameof(UserRole.Manager)),
            new Claim(CallerClaims.DisplayName, manager.DisplayName), new Claim(CallerClaims.StoreId, store.Id.ToString(CultureInfo.InvariantCulture)));
        Render<MudPopoverProvider>();
        var page = Render<SaleSettingsPage>();
        page.WaitForAssertion(() => Assert.Contains($"Magasin : {store.Name}", string.Concat(page.Nodes.Select(n => n.TextContent)), StringComparison.Ordinal));
        Assert.Equal("Espèce", page.FindComponent<MudSelect<string>>().Find("input").GetAttribute("value"));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(nameof(PaymentMethod.Cheque)));
        await page.InvokeAsync(() => page.FindComponents<MudSwitch<bool>>().Single().Instance.ValueChanged.InvokeAsync(true));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Enregistrer").Click());

        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = await _fixture.CreateDbContextAsync();
            var saved = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == store.Id);
            if (saved.PhotosRequired)
            {
                Assert.Equal(PaymentMethod.Cheque, saved.DefaultPaymentMethod);
                return;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("Les réglages n'ont pas été enregistrés en 30 s.");
    }
}
