using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RegisFlow.Web.Features.Https;

namespace RegisFlow.Tests.Https;

/// <summary>The app's own authority and server certificate: what tablets will accept, kept, reused and renewed.</summary>
public sealed class LocalCertificateAuthorityTests : IDisposable
{
    private static readonly CertificateNames ShopMachine =
        CertificateNames.Of(["caisse", "caisse.magasin.lan", "localhost", "192.168.1.20", "fd00::20", "127.0.0.1", "::1"]);

    private readonly string _directory = Path.Combine(Directory.CreateTempSubdirectory("regisflow-https-").FullName, "https");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private CertificateNames _names = ShopMachine;

    private LocalCertificateAuthority NewAuthority() =>
        new(_directory, _clock, () => _names, NullLogger<LocalCertificateAuthority>.Instance);

    [Fact]
    public void The_server_certificate_covers_every_name_and_address_and_meets_what_iPads_and_Android_accept()
    {
        var (authority, server) = NewAuthority().EnsureCurrent();

        var names = LocalCertificateAuthority.NamesOf(server);
        Assert.Equal(["caisse", "caisse.magasin.lan", "localhost"], names.DnsNames);
        Assert.Equal([IPAddress.Parse("192.168.1.20"), IPAddress.Parse("fd00::20"), IPAddress.Loopback, IPAddress.IPv6Loopback], names.Addresses);
        Assert.Contains(server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(),
            o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.False(server.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal("06082A8648CE3D030107", Convert.ToHexString(server.PublicKey.EncodedParameters!.RawData!)); // ECDSA on curve P-256
        Assert.Equal("1.2.840.10045.4.3.2", server.SignatureAlgorithm.Value); // ECDSA with SHA-256
        Assert.True(server.NotAfter - server.NotBefore <= TimeSpan.FromDays(397), $"Valable {server.NotAfter - server.NotBefore}.");
        Assert.True(server.NotBefore.ToUniversalTime() <= _clock.GetUtcNow().UtcDateTime, "Pas encore valable maintenant.");
        Assert.True(Chains(server, authority, _clock.GetUtcNow()), "Le certificat ne remonte pas à l'autorité.");

        var ca = authority.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(ca.CertificateAuthority && ca.Critical);
        Assert.True(authority.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Contains("Autorité RegisFlow caisse 2026-11-25", authority.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void The_private_keys_are_readable_by_the_app_only_in_a_folder_of_its_own()
    {
        var authority = NewAuthority();
        authority.EnsureCurrent();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(authority.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(authority.AuthorityKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(authority.ServerKeyPath));
        Assert.Equal(["ca.crt", "ca.key", "server.crt", "server.key"],
            Directory.GetFiles(authority.Directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_later_start_reuses_both_certificates_from_the_folder()
    {
        var (authority, server) = NewAuthority().EnsureCurrent();
        _clock.Advance(TimeSpan.FromDays(200));

        var (authorityAgain, serverAgain) = NewAuthority().EnsureCurrent();

        Assert.Equal(authority.Thumbprint, authorityAgain.Thumbprint);
        Assert.Equal(server.Thumbprint, serverAgain.Thumbprint);
        Assert.True(serverAgain.HasPrivateKey);
    }

    [Fact]
    public void The_server_certificate_is_renewed_30_days_before_it_ends_under_the_same_authority()
    {
        var (authority, server) = NewAuthority().EnsureCurrent();
        var ends = new DateTimeOffset(server.NotAfter.ToUniversalTime());

        _clock.SetUtcNow(ends - TimeSpan.FromDays(31));
        Assert.Equal(server.Thumbprint, NewAuthority().EnsureCurrent().Server.Thumbprint);

        _clock.SetUtcNow(ends - TimeSpan.FromDays(29));
        var (authorityAfter, renewed) = NewAuthority().EnsureCurrent();
        Assert.NotEqual(server.Thumbprint, renewed.Thumbprint);
        Assert.Equal(authority.Thumbprint, authorityAfter.Thumbprint);
        Assert.True(renewed.NotAfter > server.NotAfter);
        Assert.True(Chains(renewed, authority, _clock.GetUtcNow()));
        Assert.Equal(renewed.Thumbprint, NewAuthority().EnsureCurrent().Server.Thumbprint);
    }

    [Fact]
    public void A_new_address_of_the_machine_gets_a_new_server_certificate_and_tablets_keep_their_authority()
    {
        var (authority, server) = NewAuthority().EnsureCurrent();

        _names = CertificateNames.Of([.. ShopMachine.DnsNames, "192.168.1.57", "127.0.0.1"]);
        var (authorityAfter, renewed) = NewAuthority().EnsureCurrent();

        Assert.NotEqual(server.Thumbprint, renewed.Thumbprint);
        Assert.Equal(authority.Thumbprint, authorityAfter.Thumbprint);
        Assert.Contains(IPAddress.Parse("192.168.1.57"), LocalCertificateAuthority.NamesOf(renewed).Addresses);
    }

    [Fact]
    public async Task A_running_app_serves_a_certificate_for_a_new_address_after_its_next_check()
    {
        var authority = NewAuthority();
        var first = authority.ServerCertificate();
        _names = CertificateNames.Of([.. ShopMachine.DnsNames, "10.0.0.8"]);

        Assert.Equal(first.Thumbprint, authority.ServerCertificate().Thumbprint);
        _clock.Advance(LocalCertificateAuthority.RecheckEvery);
        authority.ServerCertificate();

        // The check runs beside the handshakes; its result is served as soon as it is ready.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (authority.ServerCertificate().Thumbprint == first.Thumbprint && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Contains(IPAddress.Parse("10.0.0.8"), LocalCertificateAuthority.NamesOf(authority.ServerCertificate()).Addresses);
    }

    [Fact]
    public void The_authority_is_made_again_30_days_before_its_ten_years_end_and_signs_the_new_server_certificate()
    {
        var (authority, _) = NewAuthority().EnsureCurrent();

        _clock.SetUtcNow(new DateTimeOffset(authority.NotAfter.ToUniversalTime()) - TimeSpan.FromDays(29));
        var (renewedAuthority, server) = NewAuthority().EnsureCurrent();

        Assert.NotEqual(authority.Thumbprint, renewedAuthority.Thumbprint);
        Assert.True(Chains(server, renewedAuthority, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_damaged_key_file_is_replaced_by_a_new_certificate()
    {
        var authority = NewAuthority();
        var server = authority.EnsureCurrent().Server;
        File.WriteAllText(authority.ServerKeyPath, "pas une clé");

        var replaced = NewAuthority().EnsureCurrent().Server;

        Assert.NotEqual(server.Thumbprint, replaced.Thumbprint);
        Assert.True(replaced.HasPrivateKey);
    }

    [Fact]
    public void Names_that_cannot_be_in_a_certificate_are_left_out_and_addresses_lose_their_zone()
    {
        var names = CertificateNames.Of(["Caisse", "caisse", "mauvais nom", "fe80::1%2", "[fd00::1]", " "]);

        Assert.Equal(["caisse"], names.DnsNames);
        Assert.Equal([IPAddress.Parse("fe80::1"), IPAddress.Parse("fd00::1")], names.Addresses);
    }

    [Fact]
    public void This_machine_is_named_by_its_host_name_localhost_loopback_its_interface_addresses_and_the_shops_extra_names()
    {
        var names = CertificateNames.OfThisMachine(["registre.magasin.test"]);

        Assert.Contains(Dns.GetHostName().ToLowerInvariant(), names.DnsNames);
        Assert.Contains("localhost", names.DnsNames);
        Assert.Contains("registre.magasin.test", names.DnsNames);
        Assert.Contains(IPAddress.Loopback, names.Addresses);
        var interfaceAddresses = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal);
        Assert.All(interfaceAddresses, a => Assert.Contains(new IPAddress(a.GetAddressBytes()), names.Addresses));
    }

    private static bool Chains(X509Certificate2 server, X509Certificate2 authority, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        return chain.Build(server);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
}
