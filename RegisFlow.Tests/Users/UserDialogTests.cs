using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Users;

namespace RegisFlow.Tests.Users;

/// <summary>The account dialog asks for « Prénom » and « Nom », in French when they are missing.</summary>
public class UserDialogTests : ComponentTestBase, IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DatabaseFixture _fixture;

    public UserDialogTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        Services.AddSingleton(fixture.UserService());
        Services.AddScoped<CurrentCaller>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover services only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private async Task<IRenderedComponent<MudDialogProvider>> OpenNewUserDialogAsync()
    {
        var admin = await _fixture.AddUserAsync(UserRole.Admin, null);
        AddAuthorization().SetAuthorized(admin.UserName).SetRoles(nameof(UserRole.Admin))
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<UserDialog>
        {
            { d => d.UserId, null }, { d => d.Input, new UserInput { Role = UserRole.Admin } }, { d => d.Stores, Array.Empty<StoreOption>() },
        };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<UserDialog>("Nouvel utilisateur", parameters));
        dialogs.WaitForAssertion(() => Field(dialogs, "Prénom"));
        return dialogs;
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.Find("#" + dialogs.FindAll("label").Single(l => l.TextContent.Trim().TrimEnd('*').Trim() == label).GetAttribute("for"));

    private static Task SaveAsync(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Enregistrer").Click(new()));

    [Fact]
    public async Task Empty_first_and_last_names_get_French_messages_and_nothing_is_created()
    {
        var dialogs = await OpenNewUserDialogAsync();
        await dialogs.InvokeAsync(() => Field(dialogs, "Identifiant").Change(new ChangeEventArgs { Value = "sans-nom" }));

        await SaveAsync(dialogs);

        dialogs.WaitForAssertion(() =>
        {
            var errors = dialogs.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains("Le prénom est obligatoire.", errors);
            Assert.Contains("Le nom est obligatoire.", errors);
        });
        Assert.DoesNotContain(dialogs.FindAll(".mud-input-error"), e => e.TextContent.Contains("Required", StringComparison.Ordinal));
        await using var db = await _fixture.CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "sans-nom"));
    }

    [Fact]
    public async Task First_and_last_names_typed_in_the_dialog_are_saved_trimmed()
    {
        var dialogs = await OpenNewUserDialogAsync();
        await dialogs.InvokeAsync(() => Field(dialogs, "Identifiant").Change(new ChangeEventArgs { Value = "jp-martin" }));
        await dialogs.InvokeAsync(() => Field(dialogs, "Prénom").Change(new ChangeEventArgs { Value = " Jean-Pierre " }));
        await dialogs.InvokeAsync(() => Field(dialogs, "Nom").Change(new ChangeEventArgs { Value = "Martin" }));

        await SaveAsync(dialogs);

        var created = await WaitForUserAsync("jp-martin");
        Assert.Equal(("Jean-Pierre", "Martin", "Jean-Pierre Martin"), (created.FirstName, created.LastName, created.DisplayName));
    }

    // The dialog saves on the renderer's thread: waits for the row that save writes, as long as a busy machine needs.
    private async Task<User> WaitForUserAsync(string userName)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = await _fixture.CreateDbContextAsync();
            if (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName) is { } user)
            {
                return user;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Le compte {userName} n'a pas été créé en 30 s.");
    }
}
