using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Outage;

namespace RegisFlow.Web.Features.Account;

/// <summary>
/// Each request's cookie is checked against its server-side session: an ended session (logout, sign out everywhere,
/// password or account change, restore) is refused even from a saved copy of the cookie, and the login page says why.
/// While the database cannot be reached the answer is unknown: the request gets the 503 page, except the page's live
/// connection and the logout, which go on.
/// </summary>
public sealed class SessionValidation(SessionService sessions) : CookieAuthenticationEvents
{
    private const string EndReasonKey = "regisflow:session-end";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        SessionEndReason? end;
        try
        {
            end = await CheckAsync(sessions, context.Principal, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (DatabaseOutage.IsUnreachable(e))
        {
            var path = context.HttpContext.Request.Path;
            if (path.StartsWithSegments("/_blazor") || path.StartsWithSegments(AccountRoutes.Logout))
            {
                return;
            }
            throw new DatabaseUnavailableException(e);
        }
        if (end is { } reason)
        {
            context.HttpContext.Items[EndReasonKey] = reason;
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>The login page's address carries why the session ended, so that the page can say it.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (EndReason(context.HttpContext) is { } reason)
        {
            context.RedirectUri += (context.RedirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?")
                + SessionEndMessages.QueryKey + "=" + SessionEndMessages.Motif(reason);
        }
        return base.RedirectToLogin(context);
    }

    /// <summary>Why this request's cookie was just refused, if it was.</summary>
    public static SessionEndReason? EndReason(HttpContext context) =>
        context.Items.TryGetValue(EndReasonKey, out var reason) ? reason as SessionEndReason? : null;

    /// <summary>Null while the principal's session is current, otherwise why it ended.</summary>
    public static Task<SessionEndReason?> CheckAsync(SessionService sessions, ClaimsPrincipal? principal, CancellationToken ct)
    {
        if (principal is null
            || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var userId))
        {
            return Task.FromResult<SessionEndReason?>(SessionEndReason.Expired);
        }
        return sessions.CheckAsync(principal.FindFirstValue(CallerClaims.SessionKey), userId, principal.FindFirstValue(CallerClaims.SecurityStamp), ct);
    }
}

/// <summary>
/// The same check for an open page, which has no request: every few seconds, so that a page whose session ended goes
/// to the login page within seconds. "Database unreachable" keeps the session and shows the banner; the check goes on
/// and tells the truth once the database is back.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, SessionService sessions, DatabaseStatus database)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override TimeSpan RevalidationInterval => Interval;

    /// <summary>Why this page's session ended, once it has: the login page says it.</summary>
    public SessionEndReason? EndReason { get; private set; }

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillSignedInAsync(authenticationState.User, cancellationToken);

    /// <summary>False only when the session is known to have ended; true while it is current or cannot be checked.</summary>
    public async Task<bool> IsStillSignedInAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            var end = await SessionValidation.CheckAsync(sessions, user, cancellationToken);
            database.ReportReachable();
            EndReason = end;
            return end is null;
        }
        catch (Exception e) when (database.ReportIfUnreachable(e))
        {
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return true; // the page closed during the check: nothing left to protect, and not an error
        }
    }
}
