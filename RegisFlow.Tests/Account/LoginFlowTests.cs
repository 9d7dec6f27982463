using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;
using static RegisFlow.Tests.Infrastructure.HttpForms;

namespace RegisFlow.Tests.Account;

/// <summary>The real app over HTTP: login form, forced password change, logout, and sessions ended by deactivation.</summary>
public class LoginFlowTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, HandleCookies = true };

    [Fact]
    public async Task First_login_as_admin_forces_a_password_change_then_the_new_password_works()
    {
        await fixture.ResetAsync();
        await using var app = AppFactory.For(fixture);
        var client = app.CreateClient(NoRedirects);

        var loginPage = await client.GetStringAsync("/");
        Assert.Contains("Identifiant", loginPage, StringComparison.Ordinal);
        Assert.Contains("Mot de passe", loginPage, StringComparison.Ordinal);

        using var login = await PostLoginAsync(client, DatabaseInitializer.DefaultAdminUserName, DatabaseInitializer.DefaultAdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/compte/mot-de-passe", Target(login));

        using var history = await client.GetAsync("/historique");
        Assert.Equal("/compte/mot-de-passe", Target(history));
        using var users = await client.GetAsync("/administration/utilisateurs");
        Assert.Equal("/compte/mot-de-passe", Target(users));
        using var stylesheet = await client.GetAsync("/favicon.png");
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);

        var changePage = await client.GetStringAsync("/compte/mot-de-passe");
        Assert.Contains("Vous devez choisir un nouveau mot de passe", changePage, StringComparison.Ordinal);
        using var changed = await client.PostAsync("/compte/mot-de-passe", Form(changePage, "change-password",
            ("Input.CurrentPassword", DatabaseInitializer.DefaultAdminPassword),
            ("Input.NewPassword", "un-mot-de-passe-solide"), ("Input.Confirmation", "un-mot-de-passe-solide")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/ventes/nouvelle", Target(changed));

        using var usersAfter = await client.GetAsync("/administration/utilisateurs");
        Assert.Equal(HttpStatusCode.OK, usersAfter.StatusCode);
        var usersPage = await usersAfter.Content.ReadAsStringAsync();
        Assert.Contains("Utilisateurs", usersPage, StringComparison.Ordinal);

        using var logout = await client.PostAsync("/deconnexion", Form(usersPage, null));
        Assert.Equal("/", Target(logout));
        using var afterLogout = await client.GetAsync("/administration/utilisateurs");
        Assert.StartsWith("/?ReturnUrl=", Target(afterLogout), StringComparison.Ordinal);

        await using (var db = await fixture.CreateDbContextAsync())
        {
            var actions = await db.AuditEvents.Where(a => a.UserName == DatabaseInitializer.DefaultAdminUserName).Select(a => a.Action).ToListAsync();
            Assert.Equal([AuditActions.LoginSucceeded, AuditActions.PasswordChanged, AuditActions.Logout], actions);
        }

        var fresh = app.CreateClient(NoRedirects);
        using var oldPassword = await PostLoginAsync(fresh, DatabaseInitializer.DefaultAdminUserName, DatabaseInitializer.DefaultAdminPassword);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.Contains("Identifiant ou mot de passe incorrect.", await oldPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var newPassword = await PostLoginAsync(fresh, "ADMIN", "un-mot-de-passe-solide", "?returnUrl=%2Fadministration%2Fmagasins");
        Assert.Equal("/administration/magasins", Target(newPassword));
    }

    [Fact]
    public async Task Logout_without_the_antiforgery_token_is_refused()
    {
        await using var app = AppFactory.For(fixture);
        var client = app.CreateClient(NoRedirects);

        using var response = await client.PostAsync("/deconnexion", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_deactivated_user_s_open_session_is_rejected_at_the_next_request()
    {
        var store = await fixture.AddStoreAsync();
        var user = await fixture.AddUserAsync(UserRole.Manager, store.Id);
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        await using var app = AppFactory.For(fixture);
        var client = app.CreateClient(NoRedirects);
        using var login = await PostLoginAsync(client, user.UserName, TestAccounts.Password);
        Assert.Equal("/ventes/nouvelle", Target(login));
        using var before = await client.GetAsync("/compte/mot-de-passe");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // Through the app's own service: this instance sees it at once (another instance within SessionService.CacheFor).
        await app.Services.GetRequiredService<UserService>().UpdateAsync(admin, user.Id,
            new UserInput { FirstName = user.FirstName, LastName = user.LastName, Role = UserRole.Manager, StoreId = store.Id, IsActive = false });

        using var after = await client.GetAsync("/compte/mot-de-passe");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/?ReturnUrl=%2Fcompte%2Fmot-de-passe&motif=compte", Target(after));
    }

    [Fact]
    public async Task A_manager_is_refused_the_users_administration()
    {
        var user = await fixture.AddUserAsync(UserRole.Manager, (await fixture.AddStoreAsync()).Id);
        await using var app = AppFactory.For(fixture);
        var client = app.CreateClient(NoRedirects);
        using var login = await PostLoginAsync(client, user.UserName, TestAccounts.Password);

        using var response = await client.GetAsync("/administration/utilisateurs");

        Assert.StartsWith("/acces-refuse", Target(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task The_session_cookie_is_HttpOnly_SameSite_Lax_and_Secure_when_SECURE_COOKIES_is_true(string? secureCookies, bool secure)
    {
        await fixture.ResetAsync();
        await using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RegisFlow"] = fixture.ConnectionString,
            ["RegisFlow:DataDirectory"] = fixture.DataDirectory,
            ["SECURE_COOKIES"] = secureCookies,
        });
        var client = app.CreateClient(NoRedirects);

        using var login = await PostLoginAsync(client, DatabaseInitializer.DefaultAdminUserName, DatabaseInitializer.DefaultAdminPassword);

        var session = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("regisflow.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(secure, session.Contains("secure;", StringComparison.OrdinalIgnoreCase) || session.EndsWith("secure", StringComparison.OrdinalIgnoreCase));
    }
}
