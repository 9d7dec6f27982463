using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Account;

namespace RegisFlow.Tests.Infrastructure;

/// <summary>
/// Test-only sign-in for HTTP tests: a request carrying <see cref="Header"/> ("userId;Role;storeId") is authenticated as that
/// user, with the same claims the login cookie carries; a request without it is anonymous and challenged with 401.
/// </summary>
public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-Caller";

    public static WebApplicationFactory<Program> Use(WebApplicationFactory<Program> app) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(services => services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = SchemeName;
                o.DefaultAuthenticateScheme = SchemeName;
                o.DefaultChallengeScheme = SchemeName;
                o.DefaultForbidScheme = SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, TestAuthentication>(SchemeName, _ => { })));

    /// <summary>The app on the fixture's database, with this scheme as the default one.</summary>
    public static WebApplicationFactory<Program> App(DatabaseFixture fixture) => Use(AppFactory.For(fixture));

    public static HttpClient ClientFor(WebApplicationFactory<Program> app, Caller caller)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, HeaderValue(caller));
        return client;
    }

    public static HttpRequestMessage Get(string url, Caller caller)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(Header, HeaderValue(caller));
        return request;
    }

    /// <summary>A user of the given role; anyone but an admin belongs to store 1.</summary>
    public static Caller WithRole(UserRole role) =>
        new(1, "test-" + role, "Test " + role, role, role == UserRole.Admin ? null : 1);

    private static string HeaderValue(Caller caller) =>
        $"{caller.UserId.ToString(CultureInfo.InvariantCulture)};{caller.Role};{caller.StoreId?.ToString(CultureInfo.InvariantCulture)}";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var value))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var parts = value.ToString().Split(';');
        var user = new User
        {
            Id = int.Parse(parts[0], CultureInfo.InvariantCulture),
            UserName = "test-" + parts[0],
            NormalizedUserName = "TEST-" + parts[0],
            FirstName = "Test",
            LastName = parts[0],
            Role = Enum.Parse<UserRole>(parts[1]),
            StoreId = parts[2].Length == 0 ? null : int.Parse(parts[2], CultureInfo.InvariantCulture),
            PasswordHash = "",
            SecurityStamp = "test",
        };
        var principal = CallerClaims.ToPrincipal(user, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
