using System.Security.Cryptography;
using System.Text;
using RegisFlow.Domain.Monitoring;

namespace RegisFlow.Web.Monitoring;

/// <summary>
/// Machines that may read /metrics and the health details: a client address in MONITORING_NETWORKS (loopback by
/// default; the address is the proxy-resolved one, see TRUSTED_PROXIES), or a request carrying
/// "Authorization: Bearer &lt;MONITORING_TOKEN&gt;".
/// </summary>
public sealed class MonitoringAccess(MonitoringOptions options)
{
    public bool IsAllowed(HttpContext context) =>
        HasToken(context) || options.IsTrustedAddress(context.Connection.RemoteIpAddress);

    private bool HasToken(HttpContext context)
    {
        if (string.IsNullOrEmpty(options.Token))
        {
            return false;
        }
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(options.Token));
    }
}
