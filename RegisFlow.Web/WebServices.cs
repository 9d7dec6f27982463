using System.Globalization;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;
using RegisFlow.Domain.Photos;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Outage;
using RegisFlow.Web.Hosting;
using RegisFlow.Web.Jobs;

namespace RegisFlow.Web;

public static class WebServices
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>
    /// JSON lines (for log collectors) unless LOG_FORMAT is "text": one readable line per entry, the default in Development
    /// and what scripts/run-app.sh asks for when its output is a terminal.
    /// </summary>
    public static WebApplicationBuilder AddRegisFlowLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        var format = builder.Configuration["LOG_FORMAT"] ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        if (string.Equals(format, "text", StringComparison.OrdinalIgnoreCase))
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
        // Messages appear at the top, under the app bar: never over the page's main buttons, at the bottom of forms and dialogs.
        builder.Services.AddMudServices(config => config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.TopCenter);
        builder.Services.AddTransient<MudBlazor.MudLocalizer, Components.Localization.FrenchMudLocalizer>();
        builder.Services.AddCascadingAuthenticationState();
        builder.AddCookieAuthentication();
        builder.Services.AddScoped<CurrentCaller>();
        builder.Services.AddScoped<SelectedStore>();
        builder.Services.AddScoped<RegisFlow.Web.Features.Sales.SaleDrafts>();
        builder.AddTrustedProxies();
        builder.AddJobs();
        builder.AddSharedDataProtection();
        // Hosted here, not by the domain: it starts with the web app, after Program has migrated the database.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PhotoEncryption>());
        return builder;
    }

    /// <summary>
    /// Behind a reverse proxy (HTTPS termination), the client address used for login lockout and audit comes from
    /// X-Forwarded-For, trusted only from loopback and the addresses listed in TRUSTED_PROXIES (comma-separated; a
    /// network such as 172.30.80.0/24 for a proxy container whose address the container engine chooses).
    /// </summary>
    private static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in (builder.Configuration["TRUSTED_PROXIES"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }
            }
        });
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseCircuitShutdownGate();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseDatabaseOutagePage();
        // Probes and scrapes (every few seconds, from machines) would drown the requests people make.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"),
            branch => branch.UseHttpLogging());
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
