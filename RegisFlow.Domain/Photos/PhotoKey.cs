using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain.Backups;

namespace RegisFlow.Domain.Photos;

/// <summary>
/// The 32-byte key that encrypts the sale photos in the database (AES-256-GCM), kept like the backup key:
/// RegisFlow:Photos:Key or PHOTO_ENCRYPTION_KEY (base64), required in Production, generated once into &lt;data&gt;/keys
/// otherwise. A stored photo is nonce (12 bytes) · ciphertext · tag (16 bytes); the row keeps the key's fingerprint
/// and the SHA-256 of the JPEG, both checked when it is opened.
/// </summary>
public sealed class PhotoKey
{
    public const string ConfigurationKey = "RegisFlow:Photos:Key";
    public const string EnvironmentKey = "PHOTO_ENCRYPTION_KEY";
    public const string GeneratedKeyFileName = "photo-encryption.key";

    /// <summary>What encryption adds to a photo's size: the nonce and the tag.</summary>
    public const int Overhead = NonceBytes + TagBytes;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] AssociatedData = "regisflow-photo-v1"u8.ToArray();

    internal static readonly KeySetting Setting = new(ConfigurationKey, EnvironmentKey, GeneratedKeyFileName, "des photos");

    private readonly byte[] _key;

    public PhotoKey(byte[] key, string? generatedFile = null)
    {
        Setting.CheckLength(key);
        _key = key;
        GeneratedFile = generatedFile;
        Id = KeySetting.Fingerprint(key, "regisflow-photo-key-id"u8);
    }

    /// <summary>The key's fingerprint (not the key), stored on each photo it encrypted.</summary>
    public string Id { get; }

    /// <summary>The file the key was generated into on this server (development); null when it comes from the configuration.</summary>
    public string? GeneratedFile { get; }

    public static PhotoKey Parse(string base64, string? generatedFile = null) => new(Setting.Parse(base64), generatedFile);

    public static string? Configured(IConfiguration configuration) => Setting.Configured(configuration);

    /// <summary>The configured key; outside Production, without one, a key generated once into the data folder.</summary>
    public static Func<IServiceProvider, PhotoKey> Resolve(IConfiguration configuration, IHostEnvironment environment, RegisFlowOptions options)
    {
        if (Configured(configuration) is { } configured)
        {
            var key = Parse(configured);
            return _ => key;
        }
        if (environment.IsProduction())
        {
            throw new StartupRefusedException([ProductionSecrets.MissingPhotoKey]);
        }
        return sp => LoadOrCreate(options.DataDirectory, sp.GetService(typeof(ILogger<PhotoKey>)) as ILogger);
    }

    public static PhotoKey LoadOrCreate(string dataDirectory, ILogger? logger)
    {
        var (key, path) = Setting.LoadOrCreate(dataDirectory, legacyPath: null, logger);
        return new PhotoKey(key, path);
    }

    /// <summary>The photo as stored: a fresh random nonce, the JPEG encrypted, the tag.</summary>
    public byte[] Seal(ReadOnlySpan<byte> jpeg)
    {
        var stored = new byte[jpeg.Length + Overhead];
        var nonce = stored.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, jpeg, stored.AsSpan(NonceBytes, jpeg.Length), stored.AsSpan(NonceBytes + jpeg.Length), AssociatedData);
        return stored;
    }

    /// <summary>
    /// The JPEG of a stored photo. <paramref name="keyId"/> null: a photo stored before encryption and not yet encrypted
    /// at start-up, returned as it is. Raises <see cref="PhotoUnreadableException"/> (French) for another key, an altered
    /// photo, or content that is not the one whose SHA-256 the row keeps.
    /// </summary>
    public byte[] Open(byte[] stored, string? keyId, byte[]? contentSha256)
    {
        if (keyId is null)
        {
            return stored;
        }
        if (keyId != Id)
        {
            throw new PhotoUnreadableException(OtherKeyMessage(keyId));
        }
        if (stored.Length < Overhead)
        {
            throw new PhotoUnreadableException(AlteredMessage);
        }
        var jpeg = new byte[stored.Length - Overhead];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(stored.AsSpan(0, NonceBytes), stored.AsSpan(NonceBytes, jpeg.Length), stored.AsSpan(NonceBytes + jpeg.Length), jpeg, AssociatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new PhotoUnreadableException(AlteredMessage);
        }
        if (contentSha256 is not null && !SHA256.HashData(jpeg).AsSpan().SequenceEqual(contentSha256))
        {
            throw new PhotoUnreadableException(AlteredMessage);
        }
        return jpeg;
    }

    public string OtherKeyMessage(string otherKeyId, string subject = "Cette photo a été chiffrée") =>
        $"{subject} avec une autre clé (empreinte {otherKeyId}) que celle configurée ({EnvironmentKey}, empreinte {Id}) : "
        + "configurez la clé des photos d'origine pour pouvoir l'afficher ou l'exporter.";

    private const string AlteredMessage =
        "Cette photo est illisible : son contenu chiffré a été modifié ou endommagé dans la base de données.";
}

/// <summary>A stored photo that cannot be given back; the message says why, in French.</summary>
public sealed class PhotoUnreadableException(string message) : Exception(message);
