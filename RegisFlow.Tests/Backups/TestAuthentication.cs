using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Backups;

/// <summary>
/// Test-only sign-in: a request carrying "X-Test-Role: Admin|Manager|Employee" is authenticated with that role;
/// without it the request is anonymous. Lets the tests reach /hangfire and the downloads without the login page.
/// </summary>
public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string RoleHeader = "X-Test-Role";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(RoleHeader, out var role))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "1"),
            new(ClaimTypes.Name, "test-" + role),
            new(ClaimTypes.Role, role.ToString()),
        };
        if (role != "Admin")
        {
            claims.Add(new Claim(Web.Features.Account.CallerClaims.StoreId, "1"));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The app on the fixture's database, with this scheme as the default one.</summary>
    public static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App(DatabaseFixture fixture, Action<IServiceCollection>? configure = null) =>
        AppFactory.For(fixture).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthentication>(SchemeName, null);
            services.PostConfigure<AuthenticationOptions>(o =>
            {
                o.DefaultScheme = SchemeName;
                o.DefaultAuthenticateScheme = SchemeName;
                o.DefaultChallengeScheme = SchemeName;
                o.DefaultForbidScheme = SchemeName;
            });
            configure?.Invoke(services);
        }));
}
