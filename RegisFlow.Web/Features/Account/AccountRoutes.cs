using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.StaticAssets;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Users;
using RegisFlow.Web.Features.Outage;

namespace RegisFlow.Web.Features.Account;

public static class AccountRoutes
{
    public const string Login = "/";
    public const string ChangePassword = "/compte/mot-de-passe";
    public const string Logout = "/deconnexion";
    public const string LogoutEverywhere = "/deconnexion-partout";
    public const string Home = "/ventes/nouvelle";

    /// <summary>Where to go after login: <paramref name="returnUrl"/> when it stays on this site, the new-sale page otherwise.</summary>
    public static string AfterLogin(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl))
        {
            return Home;
        }
        var path = returnUrl.StartsWith('/') ? returnUrl : "/" + returnUrl;
        var local = !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
            && Uri.TryCreate(path, UriKind.Relative, out _) && path != "/";
        return local ? path : Home;
    }

    public static string? ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    /// <summary>
    /// POST /deconnexion ends this browser's session on the server (a saved copy of the cookie is refused afterwards);
    /// POST /deconnexion-partout ends every session of the account. Both need the antiforgery token of their form.
    /// </summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost(Logout, async (HttpContext context, IAntiforgery antiforgery, LoginService logins) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            try
            {
                if (CallerClaims.ToCaller(context.User, ClientAddress(context)) is { } caller)
                {
                    await logins.LogoutAsync(caller, context.User.FindFirst(CallerClaims.SessionKey)?.Value, context.RequestAborted);
                }
            }
            catch (Exception e) when (DatabaseOutage.IsUnreachable(e))
            {
                // On a shared tablet this browser must at least forget the session; the server will refuse it once it can.
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return DatabaseOutagePage.Result("Ce navigateur est déconnecté, mais la base de données ne répond pas : la session n'a pas pu "
                    + "être fermée sur le serveur. Quand elle répondra, reconnectez-vous et utilisez « Se déconnecter partout ».");
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(Login);
        }).DisableAntiforgery();

        app.MapPost(LogoutEverywhere, async (HttpContext context, IAntiforgery antiforgery, SessionService sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            if (CallerClaims.ToCaller(context.User, ClientAddress(context)) is { } caller)
            {
                await sessions.EndAllAsync(caller, caller.UserId, context.RequestAborted);
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect($"{Login}?{SessionEndMessages.QueryKey}={SessionEndMessages.Motif(SessionEndReason.SignedOutEverywhere)}");
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// While the signed-in user must change their password, every request for a page or endpoint other than the
    /// change-password page, logout, static files and /health is sent to the change-password page.
    /// </summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(c => c.Type == CallerClaims.MustChangePassword) && !IsExempt(context))
        {
            context.Response.Redirect(ChangePassword);
            return;
        }
        await next(context);
    });

    private static bool IsExempt(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(ChangePassword) || path.StartsWithSegments(Logout) || path.StartsWithSegments(LogoutEverywhere)
            || path.StartsWithSegments("/health") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content"))
        {
            return true;
        }
        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
            || endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null && path != Login;
    }
}
