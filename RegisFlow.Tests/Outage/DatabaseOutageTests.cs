using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Sales;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Outage;
using static RegisFlow.Tests.Infrastructure.HttpForms;

namespace RegisFlow.Tests.Outage;

/// <summary>The database goes away and comes back: nobody is signed out, nothing is half-saved, every answer is French.</summary>
public class DatabaseOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>
{
    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, HandleCookies = true };

    [Fact]
    public async Task While_the_database_is_down_pages_photos_and_sign_in_answer_a_French_503_and_the_session_survives()
    {
        var manager = await fixture.AddManagerAsync();
        var client = fixture.App.CreateClient(Browser);
        using (var login = await PostLoginAsync(client, manager.UserName, OutageFixture.Password))
        {
            Assert.Equal("/ventes/nouvelle", Target(login));
        }
        var stranger = fixture.App.CreateClient(Browser);
        var loginPage = await stranger.GetStringAsync("/");

        await fixture.WhileStoppedAsync(async () =>
        {
            foreach (var url in new[] { "/historique", "/photos/1", "/exports/csv" })
            {
                using var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(DatabaseOutagePage.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
                Assert.Contains("Base de données injoignable", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            }
            using var signIn = await stranger.PostAsync("/", Form(loginPage, "login", ("Input.UserName", manager.UserName), ("Input.Password", OutageFixture.Password)));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
            var answer = WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync());
            Assert.Contains("Base de données injoignable : la connexion est impossible pour le moment.", answer, StringComparison.Ordinal);
            Assert.Contains(manager.UserName, answer, StringComparison.Ordinal);
        });

        using var afterwards = await client.GetAsync("/historique");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task An_open_page_keeps_its_session_and_shows_the_outage_while_the_database_is_down_and_sees_a_logout_once_it_is_back()
    {
        var manager = await fixture.AddManagerAsync();
        var login = await fixture.Services.GetRequiredService<LoginService>().ValidateAsync(manager.UserName, OutageFixture.Password, "192.0.2.70");
        var principal = CallerClaims.ToPrincipal(login.User!, CookieAuthenticationDefaults.AuthenticationScheme, login.SessionKey);
        await using var page = fixture.Services.CreateAsyncScope();
        var check = (SessionRevalidation)page.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var database = page.ServiceProvider.GetRequiredService<DatabaseStatus>();

        await fixture.WhileStoppedAsync(async () =>
        {
            Assert.True(await check.IsStillSignedInAsync(principal, CancellationToken.None));
            Assert.True(database.Unreachable);
        });
        Assert.True(await check.IsStillSignedInAsync(principal, CancellationToken.None));
        Assert.False(database.Unreachable);

        await fixture.Services.GetRequiredService<LoginService>().LogoutAsync(CallerClaims.ToCaller(principal)!, login.SessionKey);
        Assert.False(await check.IsStillSignedInAsync(principal, CancellationToken.None));
    }

    [Fact]
    public async Task A_sale_saved_while_the_database_is_down_leaves_nothing_behind_and_the_same_input_saves_once_it_is_back()
    {
        var manager = await fixture.AddManagerAsync();
        var caller = new Caller(manager.Id, manager.UserName, manager.DisplayName, manager.Role, manager.StoreId);
        var sales = fixture.Services.GetRequiredService<SaleService>();
        var input = SaleSamples.ValidInput();
        input.BuyerLastName = "Panne-" + manager.Id;

        await fixture.WhileStoppedAsync(async () =>
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => sales.CreateAsync(caller, null, input, SaleSamples.Photos()));
            Assert.True(DatabaseOutage.IsUnreachable(failure), failure.ToString());
        });

        await using (var db = await fixture.Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.Sales.AnyAsync(s => s.BuyerLastName == input.BuyerLastName));
        }
        var id = await sales.CreateAsync(caller, null, input, SaleSamples.Photos());
        await using (var db = await fixture.Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(id, (await db.Sales.SingleAsync(s => s.BuyerLastName == input.BuyerLastName)).Id);
        }
    }

    [Fact]
    public void A_refused_query_is_not_mistaken_for_an_outage()
    {
        var refused = new Npgsql.PostgresException("valeur trop longue", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.StringDataRightTruncation);
        var shutDown = new Npgsql.PostgresException("arrêt", "FATAL", "FATAL", Npgsql.PostgresErrorCodes.AdminShutdown);

        Assert.False(DatabaseOutage.IsUnreachable(new DbUpdateException("refus", refused)));
        Assert.True(DatabaseOutage.IsUnreachable(new DbUpdateException("arrêt", shutDown)));
        Assert.True(DatabaseOutage.IsUnreachable(new Npgsql.NpgsqlException("connexion", new System.Net.Sockets.SocketException(111))));
    }

}
