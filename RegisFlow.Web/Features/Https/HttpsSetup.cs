using Microsoft.AspNetCore.Server.Kestrel.Core;
using RegisFlow.Domain;

namespace RegisFlow.Web.Features.Https;

public static class HttpsSetup
{
    public const int DefaultHttpPort = 5000;
    public const int DefaultHttpsPort = 5001;

    /// <summary>
    /// Listening addresses come from the usual ASP.NET settings: ASPNETCORE_URLS, --urls, "urls", ASPNETCORE_HTTP_PORTS /
    /// ASPNETCORE_HTTPS_PORTS, or the Kestrel section's endpoints. With none of them (the README's start), the app listens
    /// on every interface, HTTP on 5000 and, unless LAN_HTTPS=false, HTTPS on 5001 for the tablets. An HTTPS endpoint gets
    /// the certificate made by <see cref="LocalCertificateAuthority"/> unless the Kestrel section names one
    /// (Kestrel:Certificates:Default:Path and KeyPath for the shop's own PEM files).
    /// </summary>
    public static WebApplicationBuilder AddLanHttps(this WebApplicationBuilder builder)
    {
        var options = LanHttpsOptions.From(builder.Configuration);
        if (!AddressesConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(options.Enabled
                ? [$"http://*:{DefaultHttpPort}", $"https://*:{DefaultHttpsPort}"]
                : [$"http://*:{DefaultHttpPort}"]);
        }
        builder.Services.AddSingleton<LanHttps>();
        if (options.Enabled && !CertificateConfigured(builder.Configuration))
        {
            builder.Services.AddSingleton(sp => new LocalCertificateAuthority(
                Path.Combine(sp.GetRequiredService<RegisFlowOptions>().DataDirectory, "https"),
                sp.GetRequiredService<TimeProvider>(),
                () => CertificateNames.OfThisMachine(options.ExtraNames),
                sp.GetRequiredService<ILogger<LocalCertificateAuthority>>()));
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            {
                // Made (or checked) while the app binds its addresses: a data folder it cannot write stops the start, said clearly.
                var authority = kestrel.ApplicationServices.GetRequiredService<LocalCertificateAuthority>();
                authority.EnsureCurrent();
                https.ServerCertificateSelector = (_, _) => authority.ServerCertificate();
            }));
        }
        return builder;
    }

    private static bool AddressesConfigured(IConfiguration configuration) =>
        new[] { "urls", "http_ports", "https_ports" }.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>A certificate in the Kestrel section: the default one, or one of an endpoint (ours would replace it).</summary>
    private static bool CertificateConfigured(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Certificates:Default").Exists()
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e.GetSection("Certificate").Exists() || e.GetSection("Sni").Exists());
}
