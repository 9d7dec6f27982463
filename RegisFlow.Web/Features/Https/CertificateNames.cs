using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace RegisFlow.Web.Features.Https;

/// <summary>The names and addresses by which tablets may reach this machine: what its certificate must cover.</summary>
public sealed record CertificateNames(IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses)
{
    public static CertificateNames Of(IEnumerable<string> names)
    {
        var dns = new List<string>();
        var addresses = new List<IPAddress>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (IPAddress.TryParse(name.Trim('[', ']'), out var address))
            {
                var plain = new IPAddress(address.GetAddressBytes()); // a certificate cannot carry an IPv6 zone
                if (!addresses.Contains(plain))
                {
                    addresses.Add(plain);
                }
            }
            else if (AsDnsName(name) is { } dnsName && !dns.Contains(dnsName))
            {
                dns.Add(dnsName);
            }
        }
        return new CertificateNames(dns, addresses);
    }

    /// <summary>The name as a certificate carries it (lower case, punycode), or null when it cannot be one (a space, an underscore...).</summary>
    private static string? AsDnsName(string name)
    {
        try
        {
            var ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(name.TrimEnd('.')).ToLowerInvariant();
            return Uri.CheckHostName(ascii) == UriHostNameType.Dns ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>True when every name and address here is also in <paramref name="other"/>.</summary>
    public bool IsCoveredBy(CertificateNames other) =>
        DnsNames.All(n => other.DnsNames.Contains(n, StringComparer.OrdinalIgnoreCase)) && Addresses.All(other.Addresses.Contains);

    public override string ToString() => string.Join(", ", DnsNames.Concat(Addresses.Select(a => a.ToString())));

    /// <summary>
    /// This machine now: host name, its FQDN and its .local name (Bonjour on iPads), localhost, the addresses of every
    /// interface that is not loopback, 127.0.0.1 and ::1, plus the shop's <paramref name="extraNames"/>. IPv6 link-local
    /// addresses are left out: a browser cannot open them without the interface's zone.
    /// </summary>
    public static CertificateNames OfThisMachine(IEnumerable<string> extraNames)
    {
        var host = Dns.GetHostName();
        var names = new List<string> { host };
        if (FullyQualified(host) is { } fqdn)
        {
            names.Add(fqdn);
        }
        if (!host.Contains('.', StringComparison.Ordinal))
        {
            names.Add(host + ".local");
        }
        names.Add("localhost");
        names.AddRange(InterfaceAddresses().Select(a => a.ToString()));
        names.Add(IPAddress.Loopback.ToString());
        names.Add(IPAddress.IPv6Loopback.ToString());
        names.AddRange(extraNames);
        return Of(names);
    }

    public static IEnumerable<IPAddress> InterfaceAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback && i.OperationalStatus != OperationalStatus.Down)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal);

    /// <summary>The FQDN from the resolver (/etc/hosts first on Debian); none when it does not answer within 2 s.</summary>
    private static string? FullyQualified(string host)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var entry = Dns.GetHostEntryAsync(host, timeout.Token).GetAwaiter().GetResult();
            return entry.HostName.Contains('.', StringComparison.Ordinal)
                && !entry.HostName.Equals(host, StringComparison.OrdinalIgnoreCase) ? entry.HostName : null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null;
        }
    }
}
