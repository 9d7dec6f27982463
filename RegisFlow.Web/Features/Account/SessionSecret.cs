using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using RegisFlow.Domain;
using RegisFlow.Domain.Data;

namespace RegisFlow.Web.Features.Account;

/// <summary>
/// The keys that sign session cookies and antiforgery tokens live in the database, so every app instance on it
/// accepts the same cookies; they are encrypted there with a key derived from SESSION_SECRET (AES-256-GCM).
/// The secret itself is checked at start-up with the other deployment secrets (<see cref="ProductionSecrets"/>).
/// </summary>
public static class SessionSecret
{
    public const string ConfigurationKey = ProductionSecrets.SessionSecretKey;

    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName("RegisFlow")
            .PersistKeysToDbContext<RegisFlowDbContext>();

        var secret = builder.Configuration[ConfigurationKey];
        if (string.IsNullOrEmpty(secret))
        {
            return builder;
        }
        var key = new SessionSecretKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: "RegisFlow data protection keys"u8.ToArray()));
        builder.Services.AddSingleton(key);
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new SecretXmlEncryptor(key));
        return builder;
    }
}

public sealed record SessionSecretKey(byte[] Value);

internal sealed class SecretXmlEncryptor(SessionSecretKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key.Value, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }
        var element = new XElement("encryptedWithSessionSecret", Convert.ToBase64String([.. nonce, .. tag, .. cipher]));
        return new EncryptedXmlInfo(element, typeof(SecretXmlDecryptor));
    }
}

/// <summary>Created by Data Protection through its IServiceProvider constructor.</summary>
internal sealed class SecretXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<SessionSecretKey>()
            ?? throw new CryptographicException($"Ces clés ont été chiffrées avec {SessionSecret.ConfigurationKey}, qui n'est pas configuré.");
        var bytes = Convert.FromBase64String(encryptedElement.Value);
        var nonceLength = AesGcm.NonceByteSizes.MaxSize;
        var tagLength = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[bytes.Length - nonceLength - tagLength];
        using (var aes = new AesGcm(key.Value, tagLength))
        {
            aes.Decrypt(bytes.AsSpan(0, nonceLength), bytes.AsSpan(nonceLength + tagLength), bytes.AsSpan(nonceLength, tagLength), plain);
        }
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
