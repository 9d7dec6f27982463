using System.Globalization;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Jobs;

namespace RegisFlow.Web;

public static class WebServices
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>JSON lines in Production (for log collectors), one readable line per entry in Development.</summary>
    public static WebApplicationBuilder AddRegisFlowLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions
                {
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                };
            });
        }
        // Method, path, status and duration only: query strings and bodies may carry personal data.
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        return builder;
    }

    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        CultureInfo.DefaultThreadCurrentCulture = French;
        CultureInfo.DefaultThreadCurrentUICulture = French;
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddCascadingAuthenticationState();
        builder.AddCookieAuthentication();
        builder.Services.AddScoped<CurrentCaller>();
        builder.Services.AddScoped<SelectedStore>();
        builder.AddTrustedProxies();
        builder.AddJobs();
        builder.AddSharedDataProtection();
        return builder;
    }

    /// <summary>
    /// Behind a reverse proxy (HTTPS termination), the client address used for login lockout and audit comes from
    /// X-Forwarded-For, trusted only from loopback and the addresses listed in TRUSTED_PROXIES (comma-separated).
    /// </summary>
    private static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in (builder.Configuration["TRUSTED_PROXIES"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseHttpLogging();
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(French);
            o.SupportedCultures = [French];
            o.SupportedUICultures = [French];
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseMustChangePassword();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
