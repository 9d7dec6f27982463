using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;
using static RegisFlow.Tests.Infrastructure.HttpForms;

namespace RegisFlow.Tests.Account;

/// <summary>Sessions end on the server: a saved cookie is refused after logout, sign out everywhere, password change or restore.</summary>
public class SessionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, HandleCookies = true };
    private static readonly WebApplicationFactoryClientOptions Replay = new() { AllowAutoRedirect = false, HandleCookies = false };

    [Fact]
    public async Task A_cookie_saved_before_logout_is_refused_afterwards_for_an_ID_photo_and_for_a_page()
    {
        var store = await fixture.AddStoreAsync();
        var manager = await fixture.AddUserAsync(UserRole.Manager, store.Id);
        var photoId = await AddSaleWithPhotoAsync(store.Id);
        await using var app = AppFactory.For(fixture);
        var client = app.CreateClient(Browser);
        using var login = await PostLoginAsync(client, manager.UserName, TestAccounts.Password);
        var saved = SessionCookieFrom(login);
        using (var before = await GetWithCookieAsync(app, $"/photos/{photoId}", saved))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var logout = await client.PostAsync("/deconnexion", Form(await client.GetStringAsync("/compte/mot-de-passe"), null));
        Assert.Equal("/", Target(logout));

        using var photo = await GetWithCookieAsync(app, $"/photos/{photoId}", saved);
        using var page = await GetWithCookieAsync(app, "/historique", saved);
        Assert.Equal(HttpStatusCode.Redirect, photo.StatusCode);
        Assert.Empty(await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/?ReturnUrl=%2Fhistorique", Target(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_sessions_of_every_tablet_and_the_login_page_says_so()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        await using var app = AppFactory.For(fixture);
        var tablet = app.CreateClient(Browser);
        var counter = app.CreateClient(Browser);
        await PostLoginAsync(tablet, user.UserName, TestAccounts.Password);
        using var counterLogin = await PostLoginAsync(counter, user.UserName, TestAccounts.Password);

        using var everywhere = await tablet.PostAsync("/deconnexion-partout",
            Form(await tablet.GetStringAsync("/compte/mot-de-passe"), null, "/deconnexion-partout"));

        Assert.Equal("/?motif=partout", Target(everywhere));
        using var onTheCounter = await counter.GetAsync("/historique");
        Assert.Equal("/?ReturnUrl=%2Fhistorique&motif=partout", Target(onTheCounter));
        var loginPage = WebUtility.HtmlDecode(await counter.GetStringAsync(Target(onTheCounter)));
        Assert.Contains("Votre compte a été déconnecté de tous les appareils.", loginPage, StringComparison.Ordinal);
        await using var db = await fixture.CreateDbContextAsync();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.SessionsEnded && a.TargetId == user.Id.ToString());
        Assert.Contains("\"sessions\": 2", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_signs_another_user_out_everywhere_but_an_employee_cannot()
    {
        var store = (await fixture.AddStoreAsync()).Id;
        var user = await fixture.AddUserAsync(UserRole.Employee, store);
        var colleague = (await fixture.AddUserAsync(UserRole.Employee, store)).AsCaller();
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        var sessions = fixture.Services.GetRequiredService<SessionService>();
        var login = await fixture.LoginService().ValidateAsync(user.UserName, TestAccounts.Password, "192.0.2.60");

        await Assert.ThrowsAsync<AccessDeniedException>(() => sessions.EndAllAsync(colleague, user.Id));
        Assert.Null(await sessions.CheckAsync(login.SessionKey, user.Id, user.SecurityStamp));
        Assert.Equal(1, await sessions.EndAllAsync(admin, user.Id));
        Assert.Equal(SessionEndReason.SignedOutEverywhere, await sessions.CheckAsync(login.SessionKey, user.Id, user.SecurityStamp));
    }

    [Fact]
    public async Task Changing_one_s_password_ends_the_other_sessions_and_keeps_this_browser_signed_in()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        await using var app = AppFactory.For(fixture);
        var here = app.CreateClient(Browser);
        var elsewhere = app.CreateClient(Browser);
        await PostLoginAsync(here, user.UserName, TestAccounts.Password);
        await PostLoginAsync(elsewhere, user.UserName, TestAccounts.Password);

        using var changed = await here.PostAsync("/compte/mot-de-passe", Form(await here.GetStringAsync("/compte/mot-de-passe"), "change-password",
            ("Input.CurrentPassword", TestAccounts.Password), ("Input.NewPassword", "un-nouveau-mot-de-passe"),
            ("Input.Confirmation", "un-nouveau-mot-de-passe")));

        Assert.Equal("/ventes/nouvelle", Target(changed));
        using var stillHere = await here.GetAsync("/compte/mot-de-passe");
        using var gone = await elsewhere.GetAsync("/compte/mot-de-passe");
        Assert.Equal(HttpStatusCode.OK, stillHere.StatusCode);
        Assert.EndsWith("&motif=mot-de-passe", Target(gone), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logout_is_seen_at_once_on_its_instance_and_within_two_seconds_on_another()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        await using var otherInstance = (ServiceProvider)fixture.BuildServices();
        var here = fixture.Services.GetRequiredService<SessionService>();
        var there = otherInstance.GetRequiredService<SessionService>();
        var login = await fixture.LoginService().ValidateAsync(user.UserName, TestAccounts.Password, "192.0.2.61");
        Assert.Null(await here.CheckAsync(login.SessionKey, user.Id, user.SecurityStamp));
        Assert.Null(await there.CheckAsync(login.SessionKey, user.Id, user.SecurityStamp));

        await fixture.LoginService().LogoutAsync(user.AsCaller(), login.SessionKey);

        Assert.Equal(SessionEndReason.Logout, await here.CheckAsync(login.SessionKey, user.Id, user.SecurityStamp));
        Assert.Null(await there.CheckAsync(login.SessionKey, user.Id, user.SecurityStamp));
        fixture.Clock.Advance(SessionService.CacheFor);
        Assert.Equal(SessionEndReason.Logout, await there.CheckAsync(login.SessionKey, user.Id, user.SecurityStamp));
    }

    [Fact]
    public async Task A_restore_ends_every_session_and_the_login_page_says_the_data_was_restored()
    {
        var user = await fixture.AddUserAsync(UserRole.Manager, (await fixture.AddStoreAsync()).Id);
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        await using var app = AppFactory.For(fixture);
        var client = app.CreateClient(Browser);
        await PostLoginAsync(client, user.UserName, TestAccounts.Password);
        using (var before = await client.GetAsync("/compte/mot-de-passe"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        var backups = app.Services.GetRequiredService<BackupService>();
        var backup = await backups.CreateAsync(admin);

        await app.Services.GetRequiredService<RestoreService>().RestoreAsync(admin, backups.StoredPath(backup.FileName));

        using var after = await client.GetAsync("/compte/mot-de-passe");
        Assert.Equal("/?ReturnUrl=%2Fcompte%2Fmot-de-passe&motif=restauration", Target(after));
        var loginPage = WebUtility.HtmlDecode(await client.GetStringAsync(Target(after)));
        Assert.Contains("Les données ont été restaurées depuis une sauvegarde : toutes les sessions ont été fermées.", loginPage, StringComparison.Ordinal);
        using var again = await PostLoginAsync(client, user.UserName, TestAccounts.Password);
        Assert.Equal("/ventes/nouvelle", Target(again));
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(WebApplicationFactory<Program> app, string url, string cookie)
    {
        using var client = app.CreateClient(Replay);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private async Task<long> AddSaleWithPhotoAsync(int storeId)
    {
        await using var db = await fixture.CreateDbContextAsync();
        var sale = (await TestSales.InsertAsync(db, TestSales.Build(storeId, fixture.Clock.GetUtcNow(), photos: true)))[0];
        return sale.Photos.First().Id;
    }
}
