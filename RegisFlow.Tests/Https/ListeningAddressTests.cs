using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RegisFlow.Tests.Browser;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Https;

/// <summary>
/// Where the app listens, decided by the usual ASP.NET settings (ASPNETCORE_URLS, --urls, the Kestrel section), and with
/// none of them the shop's default: HTTP on 5000 and HTTPS on 5001 on every interface, for the tablets.
/// </summary>
public class ListeningAddressTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string TabletLink = "Tablette : activer la caméra (HTTPS)";

    private Dictionary<string, string> OnTestDatabase(params (string Name, string Value)[] settings)
    {
        var all = new Dictionary<string, string> { ["ConnectionStrings__RegisFlow"] = database.ConnectionString };
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }
        return all;
    }

    [Fact]
    public async Task ASPNETCORE_URLS_is_honoured_and_its_https_address_has_the_certificate_of_the_local_authority()
    {
        int http = RunAppProcess.FreePort(), https = RunAppProcess.FreePort();
        await using var app = await AppProcess.StartAsync([],
            OnTestDatabase(("ASPNETCORE_URLS", $"http://127.0.0.1:{http};https://127.0.0.1:{https}")));

        Assert.Equal([$"http://127.0.0.1:{http}", $"https://127.0.0.1:{https}"], app.ListeningAddresses);
        using var authority = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(app.AuthorityCertificatePath));
        var served = new List<X509Certificate2>();
        using var client = ClientTrustingOnly(authority, served);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"https://localhost:{https}/health")).StatusCode);
        Assert.Contains(TabletLink, await client.GetStringAsync($"http://127.0.0.1:{http}/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_urls_argument_is_honoured_and_without_https_no_certificate_is_made_or_offered()
    {
        var port = RunAppProcess.FreePort();
        await using var app = await AppProcess.StartAsync(["--urls", $"http://127.0.0.1:{port}"], OnTestDatabase());

        Assert.Equal([$"http://127.0.0.1:{port}"], app.ListeningAddresses);
        using var client = new HttpClient();
        Assert.DoesNotContain(TabletLink, await client.GetStringAsync($"http://127.0.0.1:{port}/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"http://127.0.0.1:{port}/certificat-ca.crt")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "https")), "Un certificat a été fabriqué sans adresse HTTPS.");
    }

    [Fact]
    public async Task The_shops_own_certificate_from_the_Kestrel_settings_replaces_the_generated_one()
    {
        var port = RunAppProcess.FreePort();
        var folder = Directory.CreateTempSubdirectory("regisflow-shop-certificate-").FullName;
        try
        {
            using var shopCertificate = SelfSigned("registre.magasin.test");
            await File.WriteAllTextAsync(Path.Combine(folder, "cert.pem"), shopCertificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), shopCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            await using var app = await AppProcess.StartAsync([], OnTestDatabase(
                ("ASPNETCORE_URLS", $"https://127.0.0.1:{port}"),
                ("Kestrel__Certificates__Default__Path", Path.Combine(folder, "cert.pem")),
                ("Kestrel__Certificates__Default__KeyPath", Path.Combine(folder, "key.pem"))));

            var served = new List<X509Certificate2>();
            using var client = ClientTrustingOnly(shopCertificate, served);
            var baseUrl = $"https://localhost:{port}";
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(baseUrl + "/health")).StatusCode);
            Assert.Equal(shopCertificate.Thumbprint, served.Last().Thumbprint);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(baseUrl + "/certificat-ca.crt")).StatusCode);
            Assert.DoesNotContain(TabletLink, await client.GetStringAsync(baseUrl + "/"), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "https")), "Un certificat a été fabriqué malgré celui du magasin.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The README's start: nothing set, no database configured (the app starts its own), ports 5000 and 5001.</summary>
    [Fact]
    public async Task With_nothing_set_the_app_listens_on_every_interface_http_5000_and_https_5001_with_its_authority()
    {
        await using var app = await AppProcess.StartAsync([], new Dictionary<string, string>(), ownNetwork: true);

        Assert.Collection(app.ListeningAddresses,
            a => Assert.Matches(@"^http://(\[::\]|0\.0\.0\.0):5000$", a),
            a => Assert.Matches(@"^https://(\[::\]|0\.0\.0\.0):5001$", a));
        Assert.Contains(TabletLink, await app.CurlInItsNetworkAsync("http://127.0.0.1:5000/"), StringComparison.Ordinal);
        // curl checks the chain up to the authority and the name, as a tablet's browser does.
        var host = Dns.GetHostName();
        Assert.Equal("200", await app.CurlInItsNetworkAsync("--cacert", app.AuthorityCertificatePath, "-o", "/dev/null",
            "-w", "%{http_code}", "--resolve", $"{host}:5001:127.0.0.1", $"https://{host}:5001/health"));
        Assert.Equal("200", await app.CurlInItsNetworkAsync("--cacert", app.AuthorityCertificatePath, "-o", "/dev/null",
            "-w", "%{http_code}", "https://localhost:5001/health"));
    }

    [Fact]
    public async Task LAN_HTTPS_false_leaves_the_default_start_on_http_5000_alone()
    {
        await using var app = await AppProcess.StartAsync([], new Dictionary<string, string> { ["LAN_HTTPS"] = "false" }, ownNetwork: true);

        var address = Assert.Single(app.ListeningAddresses);
        Assert.Matches(@"^http://(\[::\]|0\.0\.0\.0):5000$", address);
        Assert.DoesNotContain(TabletLink, await app.CurlInItsNetworkAsync("http://127.0.0.1:5000/"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "https")), "Un certificat a été fabriqué avec LAN_HTTPS=false.");
    }

    /// <summary>An HTTP client that trusts <paramref name="root"/> only, checks the name, and notes each certificate served.</summary>
    private static HttpClient ClientTrustingOnly(X509Certificate2 root, List<X509Certificate2> served) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
                {
                    return false;
                }
                var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                served.Add(leaf);
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(leaf);
            },
        },
    });

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }
}
