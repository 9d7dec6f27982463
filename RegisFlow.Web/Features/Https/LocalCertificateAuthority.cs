using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Globalization;

namespace RegisFlow.Web.Features.Https;

/// <summary>
/// The app's own certificate authority and the server certificate it signs for this machine's names, so that tablets
/// reach the app over HTTPS (the camera needs it) once they have installed the authority's certificate. Both live in
/// the folder given (the data folder's "https", 0700; private keys 0600), are reused from one start to the next, and the
/// server certificate is made again 30 days before it ends, or when the machine has a name or address it does not cover.
/// The authority stays the same for ten years, so the tablets install it once.
/// </summary>
public sealed class LocalCertificateAuthority
{
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);
    /// <summary>Apple and Chrome refuse server certificates valid for more than 398 days.</summary>
    public static readonly TimeSpan ServerValidity = TimeSpan.FromDays(397);
    public static readonly TimeSpan AuthorityValidity = TimeSpan.FromDays(3650);
    /// <summary>Valid from a little before now: a tablet whose clock is a few minutes late must accept it too.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);
    /// <summary>How often a running app looks again at its names, addresses and expiry dates.</summary>
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromMinutes(10);

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly TimeProvider _clock;
    private readonly Func<CertificateNames> _machineNames;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private X509Certificate2? _authority;
    private X509Certificate2? _server;
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;
    private int _checking;

    public LocalCertificateAuthority(string directory, TimeProvider clock, Func<CertificateNames> machineNames, ILogger<LocalCertificateAuthority> logger)
    {
        Directory = directory;
        _clock = clock;
        _machineNames = machineNames;
        _logger = logger;
    }

    public string Directory { get; }
    public string AuthorityCertificatePath => Path.Combine(Directory, "ca.crt");
    public string AuthorityKeyPath => Path.Combine(Directory, "ca.key");
    public string ServerCertificatePath => Path.Combine(Directory, "server.crt");
    public string ServerKeyPath => Path.Combine(Directory, "server.key");

    /// <summary>The authority's certificate, as tablets install it.</summary>
    public X509Certificate2 Authority => EnsureCurrent().Authority;

    /// <summary>SHA-256 of the authority's certificate, as iPads and Android show it in the certificate's details.</summary>
    public string AuthorityFingerprint => Convert.ToHexString(Authority.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2)
        .Select(pair => new string(pair)).Aggregate((a, b) => a + ":" + b);

    /// <summary>
    /// The server certificate for each TLS handshake. Made on the first call; later calls answer at once, and when a check
    /// is due it runs in the background, so a handshake never waits for the machine's names to be looked up.
    /// </summary>
    public X509Certificate2 ServerCertificate()
    {
        if (_server is not { } server)
        {
            return EnsureCurrent().Server;
        }
        if (_clock.GetUtcNow() >= _nextCheck && Interlocked.Exchange(ref _checking, 1) == 0)
        {
            _ = Task.Run(() =>
            {
                try
                {
                    EnsureCurrent();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
                {
                    _logger.LogError(e, "Renouvellement du certificat HTTPS impossible dans {Directory}", Directory);
                }
                finally
                {
                    Interlocked.Exchange(ref _checking, 0);
                }
            });
        }
        return server;
    }

    /// <summary>Loads the files, makes what is missing, and renews what must be: the current authority and server certificate.</summary>
    public (X509Certificate2 Authority, X509Certificate2 Server) EnsureCurrent()
    {
        var names = _machineNames();
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            _nextCheck = now + RecheckEvery;
            if (_authority is null || _server is null)
            {
                PrepareDirectory();
                _authority = Load(AuthorityCertificatePath, AuthorityKeyPath);
                _server = Load(ServerCertificatePath, ServerKeyPath);
            }
            // A clock put back before the authority's start (a machine's date corrected) would make it unusable too.
            if (_authority is null || now >= Ends(_authority) - RenewBefore || now < Starts(_authority))
            {
                _authority = CreateAuthority(names, now);
                Save(_authority, AuthorityCertificatePath, AuthorityKeyPath);
                _server = null;
                _logger.LogWarning("Autorité de certification locale créée ({Path}) : installez-la sur chaque tablette (page /certificat)",
                    AuthorityCertificatePath);
            }
            if (_server is null || !IsIssuedBy(_server, _authority, now) || now >= Ends(_server) - RenewBefore
                || !names.IsCoveredBy(NamesOf(_server)))
            {
                _server = CreateServer(_authority, names, now);
                Save(_server, ServerCertificatePath, ServerKeyPath);
                _logger.LogInformation("Certificat HTTPS du serveur créé pour {Names}, valable jusqu'au {NotAfter:yyyy-MM-dd}",
                    names.ToString(), Ends(_server));
            }
            return (_authority, _server);
        }
    }

    /// <summary>The DNS names and IP addresses a certificate is valid for (its subject alternative names).</summary>
    public static CertificateNames NamesOf(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        if (extension is null)
        {
            return new CertificateNames([], []);
        }
        var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
        return new CertificateNames([.. san.EnumerateDnsNames()], [.. san.EnumerateIPAddresses()]);
    }

    internal static X509Certificate2 CreateAuthority(CertificateNames names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // The name tablets list among their installed certificates: which machine, since when.
        var host = names.DnsNames.FirstOrDefault() ?? "RegisFlow";
        var request = new CertificateRequest(Name($"Autorité RegisFlow {host} {now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"),
            key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = now - ClockSkew;
        return request.CreateSelfSigned(notBefore, notBefore + AuthorityValidity);
    }

    internal static X509Certificate2 CreateServer(X509Certificate2 authority, CertificateNames names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(names.DnsNames.FirstOrDefault() ?? "RegisFlow"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names.DnsNames)
        {
            alternativeNames.AddDnsName(name);
        }
        foreach (var address in names.Addresses)
        {
            alternativeNames.AddIpAddress(address);
        }
        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var notBefore = now - ClockSkew;
        var notAfter = notBefore + ServerValidity < Ends(authority) ? notBefore + ServerValidity : Ends(authority);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(authority, notBefore, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName Name(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName("RegisFlow");
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static DateTimeOffset Starts(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    private static DateTimeOffset Ends(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    private static bool IsIssuedBy(X509Certificate2 server, X509Certificate2 authority, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(server);
    }

    private void PrepareDirectory()
    {
        System.IO.Directory.CreateDirectory(Directory, PrivateFolder);
        File.SetUnixFileMode(Directory, PrivateFolder);
    }

    private X509Certificate2? Load(string certificatePath, string keyPath)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return null;
        }
        try
        {
            File.SetUnixFileMode(keyPath, PrivateFile);
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            _logger.LogWarning(e, "Certificat illisible, il est refait : {Path}", certificatePath);
            return null;
        }
    }

    /// <summary>The key first, each file written beside and then renamed, so that a stop halfway never leaves a half-written file.</summary>
    private static void Save(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("Certificat sans clé privée.");
        WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem(), PrivateFile);
        WriteAtomically(certificatePath, certificate.ExportCertificatePem(),
            PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = mode,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
