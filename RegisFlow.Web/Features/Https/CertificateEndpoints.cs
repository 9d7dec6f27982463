namespace RegisFlow.Web.Features.Https;

public static class CertificateEndpoints
{
    public const string AuthorityCertificate = "/certificat-ca.crt";
    public const string Instructions = "/certificat";

    /// <summary>The type by which Android and iPadOS offer to install a downloaded authority certificate.</summary>
    public const string AuthorityContentType = "application/x-x509-ca-cert";

    /// <summary>
    /// GET /certificat-ca.crt, anonymous and over plain HTTP too (a tablet arrives by HTTP before it trusts anything):
    /// the authority's certificate (DER), or 404 when the server certificate is not the app's own.
    /// </summary>
    public static WebApplication MapCertificateEndpoints(this WebApplication app)
    {
        app.MapGet(AuthorityCertificate, (LanHttps https) => https.Authority is { } authority
                ? Results.Bytes(authority.Authority.RawData, AuthorityContentType)
                : Results.NotFound())
            .AllowAnonymous();
        return app;
    }
}
