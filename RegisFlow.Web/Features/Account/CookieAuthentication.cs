using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using RegisFlow.Web.Features.Outage;

namespace RegisFlow.Web.Features.Account;

public static class CookieAuthentication
{
    /// <summary>
    /// HttpOnly, SameSite=Lax cookie; Secure when SECURE_COOKIES=true; sliding expiry (RegisFlow:SessionHours, 8 h by default).
    /// Each request's cookie, and each open page every few seconds, is checked against its server-side session.
    /// </summary>
    public static WebApplicationBuilder AddCookieAuthentication(this WebApplicationBuilder builder)
    {
        var secure = string.Equals(builder.Configuration["SECURE_COOKIES"], "true", StringComparison.OrdinalIgnoreCase);
        var hours = builder.Configuration.GetValue("RegisFlow:SessionHours", 8.0);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "regisflow.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(hours);
                o.LoginPath = "/";
                o.AccessDeniedPath = "/acces-refuse";
                o.EventsType = typeof(SessionValidation);
            });
        builder.Services.AddScoped<SessionValidation>();
        builder.Services.AddScoped<DatabaseStatus>();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        builder.Services.AddAuthorization();
        return builder;
    }
}
