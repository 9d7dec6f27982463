using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RegisFlow.Web.Features.Https;

/// <summary>
/// Once started, one line saying where people reach the app. Kestrel names "every interface" as [::] or 0.0.0.0, which
/// tells a shop nothing: those are replaced by localhost and the machine's IPv4 addresses, which tablets type.
/// </summary>
public static class ReachableAddresses
{
    public static void LogReachableAddresses(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var urls = Expand(listening, CertificateNames.InterfaceAddresses());
            app.Logger.LogInformation("RegisFlow est prêt : {Urls}", string.Join(" ; ", urls));
        });

    public static IReadOnlyList<string> Expand(IEnumerable<string> listening, IEnumerable<IPAddress> interfaces)
    {
        var lan = interfaces.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToList();
        var urls = new List<string>();
        foreach (var address in listening)
        {
            var uri = new Uri(address.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]")
            {
                urls.Add(Url(uri, "localhost"));
                urls.AddRange(lan.Select(a => Url(uri, a.ToString())));
            }
            else
            {
                urls.Add(address);
            }
        }
        return urls;
    }

    private static string Url(Uri listening, string host) =>
        string.Create(CultureInfo.InvariantCulture, $"{listening.Scheme}://{host}:{listening.Port}");
}
