using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// How a 32-byte AES key of the deployment is kept (the backup key, the photo key): base64 in a configuration key or an
/// environment variable, or, outside Production, generated once into &lt;data&gt;/keys (0600 in a 0700 folder).
/// <paramref name="Purpose"/> completes « La clé de chiffrement ... » in the messages (« des sauvegardes »).
/// </summary>
internal sealed record KeySetting(string ConfigurationKey, string EnvironmentKey, string FileName, string Purpose)
{
    public const int KeyBytes = 32;

    /// <summary>The folder (0700) of the keys generated outside Production, under the data folder.</summary>
    public const string GeneratedKeyFolder = "keys";

    /// <summary>The key's base64 text from the configuration section or the environment variable; null when neither is set.</summary>
    public string? Configured(IConfiguration configuration) =>
        configuration[ConfigurationKey] is { Length: > 0 } fromSection ? fromSection
        : string.IsNullOrWhiteSpace(configuration[EnvironmentKey]) ? null : configuration[EnvironmentKey];

    public byte[] Parse(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(
                $"La clé de chiffrement {Purpose} ({EnvironmentKey}) n'est pas du base64 valide. Générez-en une avec « openssl rand -base64 32 ».");
        }
        CheckLength(key);
        return key;
    }

    public void CheckLength(byte[] key)
    {
        if (key.Length != KeyBytes)
        {
            throw new InvalidOperationException(
                $"La clé de chiffrement {Purpose} ({EnvironmentKey}) doit faire {KeyBytes} octets encodés en base64 (générez-la avec « openssl rand -base64 32 ») ; celle fournie en fait {key.Length}.");
        }
    }

    /// <summary>
    /// The key generated once in &lt;data&gt;/keys, or read from <paramref name="legacyPath"/> when a file is there already
    /// (narrowed to 0600). Returns the key and the file it is in.
    /// </summary>
    public (byte[] Key, string Path) LoadOrCreate(string dataDirectory, string? legacyPath, ILogger? logger)
    {
        var folder = Path.Combine(dataDirectory, GeneratedKeyFolder);
        var path = legacyPath is not null && File.Exists(legacyPath) ? legacyPath : Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            PrivateFiles.Restrict(path);
            return (Parse(File.ReadAllText(path, Encoding.ASCII)), path);
        }
        PrivateFiles.EnsureFolder(folder, logger);
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        using (var file = PrivateFiles.CreateNew(path, bufferSize: 0))
        {
            file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
        }
        logger?.LogWarning(
            "Aucune clé de chiffrement {Purpose} configurée : une clé a été générée dans {Path}. En production, fixez {Variable} (openssl rand -base64 32).",
            Purpose, path, EnvironmentKey);
        return (key, path);
    }

    /// <summary>A fingerprint of the key (never the key): 16 hex digits of an HMAC of a fixed label.</summary>
    public static string Fingerprint(byte[] key, ReadOnlySpan<byte> label) =>
        Convert.ToHexString(HMACSHA256.HashData(key, label))[..16].ToLowerInvariant();
}
