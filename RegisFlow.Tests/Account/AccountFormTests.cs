using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Tests.Account;

public class AccountFormTests : ComponentTestBase, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _fixture;

    public AccountFormTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        Services.AddSingleton<AntiforgeryStateProvider, NoAntiforgery>();
    }

    [Fact]
    public void The_login_form_asks_for_the_user_name_and_password_in_french()
    {
        var cut = Render<LoginForm>(p => p.Add(f => f.Input, new LoginInput()).Add(f => f.Submit, _ => Task.FromResult<string?>(null)));

        Assert.Equal(["Identifiant", "Mot de passe"], cut.FindAll("label").Select(l => l.TextContent));
        Assert.Equal("password", cut.Find("#login-password").GetAttribute("type"));
        Assert.Equal("Se connecter", cut.Find("button[type=submit]").TextContent);
    }

    [Fact]
    public async Task Wrong_credentials_show_a_message_that_does_not_say_which_part_was_wrong()
    {
        var user = await _fixture.AddUserAsync(UserRole.Employee, (await _fixture.AddStoreAsync()).Id);
        var logins = _fixture.LoginService();
        var cut = Render<LoginForm>(p => p
            .Add(f => f.Input, new LoginInput())
            .Add(f => f.Submit, async input => (await logins.ValidateAsync(input.UserName, input.Password, "192.0.2.99")).Error));

        cut.Find("#login-user-name").Change(user.UserName);
        cut.Find("#login-password").Change("pas-le-bon");
        await cut.Find("form").SubmitAsync();

        Assert.Equal("Identifiant ou mot de passe incorrect.", cut.Find("[role=alert]").TextContent);
    }

    [Fact]
    public void The_change_password_form_has_french_labels()
    {
        var cut = Render<ChangePasswordForm>(p => p.Add(f => f.Input, new ChangePasswordInput()).Add(f => f.Submit, _ => Task.FromResult<IReadOnlyList<InputError>>([])));

        var labels = cut.FindAll("label").Select(l => l.TextContent).ToList();
        Assert.Equal(["Mot de passe actuel", "Nouveau mot de passe (au moins 12 caractères)", "Confirmation du nouveau mot de passe"], labels);
    }

    [Fact]
    public async Task A_too_short_new_password_shows_its_message_and_is_not_sent()
    {
        var sent = false;
        var cut = Render<ChangePasswordForm>(p => p
            .Add(f => f.Input, new ChangePasswordInput())
            .Add(f => f.Submit, _ => { sent = true; return Task.FromResult<IReadOnlyList<InputError>>([]); }));

        cut.Find("#current-password").Change("admin123");
        cut.Find("#new-password").Change("court");
        cut.Find("#confirm-password").Change("court");
        await cut.Find("form").SubmitAsync();

        Assert.False(sent);
        Assert.Equal("Le nouveau mot de passe doit contenir au moins 12 caractères.", cut.Find(".account-field-error").TextContent);
    }

    [Fact]
    public async Task The_service_s_refusal_of_the_current_password_is_shown_under_that_field()
    {
        var user = await _fixture.AddUserAsync(UserRole.Employee, (await _fixture.AddStoreAsync()).Id);
        var users = _fixture.UserService();
        var cut = Render<ChangePasswordForm>(p => p
            .Add(f => f.Input, new ChangePasswordInput())
            .Add(f => f.Submit, async input =>
            {
                try
                {
                    await users.ChangePasswordAsync(user.AsCaller(), input.CurrentPassword, input.NewPassword, input.Confirmation);
                    return [];
                }
                catch (InvalidInputException e)
                {
                    return e.Errors;
                }
            }));

        cut.Find("#current-password").Change("pas-le-bon");
        cut.Find("#new-password").Change("un-nouveau-mot-de-passe");
        cut.Find("#confirm-password").Change("un-nouveau-mot-de-passe");
        await cut.Find("form").SubmitAsync();

        Assert.Equal("Le mot de passe actuel est incorrect.", cut.Find(".account-field-error").TextContent);
    }

    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
