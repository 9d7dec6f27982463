using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// The 32-byte AES key that encrypts backups, from RegisFlow:Backups:Key or BACKUP_ENCRYPTION_KEY (base64).
/// Each file gets its own key derived from it (HKDF with a random salt kept in the file's header).
/// </summary>
public sealed class BackupKey
{
    public const string ConfigurationKey = "RegisFlow:Backups:Key";
    public const string EnvironmentKey = "BACKUP_ENCRYPTION_KEY";
    public const string GeneratedKeyFileName = "backup-encryption.key";

    private static readonly byte[] FileKeyInfo = "regisflow-backup-v1"u8.ToArray();
    private readonly byte[] _key;

    public BackupKey(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new InvalidOperationException(
                $"La clé de chiffrement des sauvegardes doit faire 32 octets encodés en base64 (générez-la avec « openssl rand -base64 32 ») ; celle fournie en fait {key.Length}.");
        }
        _key = key;
        Id = Convert.ToHexString(HMACSHA256.HashData(key, "regisflow-backup-key-id"u8))[..16].ToLowerInvariant();
    }

    /// <summary>A fingerprint of the key (not the key): lets a restore tell "another key" from "altered file".</summary>
    public string Id { get; }

    internal byte[] DeriveFileKey(byte[] salt) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, salt, FileKeyInfo);

    public static BackupKey Parse(string base64)
    {
        try
        {
            return new BackupKey(Convert.FromBase64String(base64.Trim()));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(
                $"La clé de chiffrement des sauvegardes ({EnvironmentKey}) n'est pas du base64 valide. Générez-en une avec « openssl rand -base64 32 ».");
        }
    }

    /// <summary>
    /// The configured key. Without one: Production refuses to start; elsewhere a key is generated once into the data
    /// folder (with a warning), since backups must stay readable from one start to the next.
    /// </summary>
    public static Func<IServiceProvider, BackupKey> Resolve(IConfiguration configuration, IHostEnvironment environment, RegisFlowOptions options)
    {
        var configured = configuration[ConfigurationKey] is { Length: > 0 } fromSection ? fromSection : configuration[EnvironmentKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Parse(configured);
            return _ => key;
        }
        if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"Aucune clé de chiffrement des sauvegardes n'est configurée : RegisFlow refuse de démarrer en production sans elle. "
                + $"Générez-en une avec « openssl rand -base64 32 », mettez-la dans la variable {EnvironmentKey} (fichier .env.production) "
                + "et gardez-en une copie en lieu sûr, hors du serveur : sans elle, les sauvegardes sont illisibles.");
        }
        return sp => LoadOrCreate(options.DataDirectory, sp.GetService(typeof(ILogger<BackupKey>)) as ILogger);
    }

    public static BackupKey LoadOrCreate(string dataDirectory, ILogger? logger)
    {
        var path = Path.Combine(dataDirectory, GeneratedKeyFileName);
        if (File.Exists(path))
        {
            return Parse(File.ReadAllText(path, Encoding.ASCII));
        }
        Directory.CreateDirectory(dataDirectory);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key), Encoding.ASCII);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        logger?.LogWarning(
            "Aucune clé de chiffrement des sauvegardes configurée : une clé a été générée dans {Path}. En production, fixez {Variable} (openssl rand -base64 32).",
            path, EnvironmentKey);
        return new BackupKey(key);
    }
}
