using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RegisFlow.Web.Features.Https;

/// <summary>
/// What a tablet needs to reach the app over HTTPS: the port the app listens on with TLS, and the authority's certificate
/// to install when the server certificate is the app's own (none with the shop's certificate or behind a proxy).
/// </summary>
public sealed class LanHttps(IServer? server = null, LocalCertificateAuthority? authority = null)
{
    public LocalCertificateAuthority? Authority => HttpsPort is null ? null : authority;

    /// <summary>The first HTTPS port among the addresses the app listens on; none when it listens without TLS.</summary>
    public int? HttpsPort => server?.Features.Get<IServerAddressesFeature>()?.Addresses
        .Select(BindingAddress.Parse)
        .FirstOrDefault(a => a.Scheme == "https")?.Port;

    /// <summary>The same page at the HTTPS address, for a browser that reached the app by <paramref name="host"/>.</summary>
    public string? HttpsUrl(string host, string pathAndQuery = "/") => HttpsPort switch
    {
        null => null,
        443 => $"https://{host}{pathAndQuery}",
        { } port => $"https://{host}:{port}{pathAndQuery}",
    };
}
