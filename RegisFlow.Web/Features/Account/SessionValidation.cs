using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using RegisFlow.Domain.Users;

namespace RegisFlow.Web.Features.Account;

/// <summary>
/// Rejects a cookie whose account was deactivated, deleted, or changed (password, role, store: a new security stamp),
/// so that such a change ends the open sessions at their next request.
/// </summary>
public sealed class SessionValidation(UserService users) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (!await IsCurrentAsync(users, context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    public static async Task<bool> IsCurrentAsync(UserService users, ClaimsPrincipal? principal, CancellationToken ct)
    {
        if (principal is null
            || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var userId))
        {
            return false;
        }
        var state = await users.SessionStateAsync(userId, ct);
        return state is { IsActive: true } && state.SecurityStamp == principal.FindFirstValue(CallerClaims.SecurityStamp);
    }
}

/// <summary>The same check for an interactive circuit, which has no request: every 10 seconds, one indexed query.</summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, UserService users)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        SessionValidation.IsCurrentAsync(users, authenticationState.User, cancellationToken);
}
