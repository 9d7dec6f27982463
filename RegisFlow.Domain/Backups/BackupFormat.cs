using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RegisFlow.Domain.Backups;

/// <summary>Plain header of a .rfbak file: authenticated (it is the AAD of every chunk) but not secret.</summary>
public sealed record BackupHeader(int FormatVersion, string AppVersion, DateTimeOffset CreatedAt, string KeyId, string Salt, int ChunkSize);

/// <summary>
/// Last chunk of a .rfbak file, encrypted: what the payload holds and its SHA-256, the checksum of the photos
/// (<see cref="PhotoChecksum"/>) that a restore test compares with what landed in the database, and the fingerprints of
/// the photo keys its photos are encrypted with (photos stay encrypted in a backup: restoring needs that key too).
/// </summary>
public sealed record BackupManifest(
    int FormatVersion, string AppVersion, DateTimeOffset CreatedAt, string SchemaVersion,
    IReadOnlyDictionary<string, long> Counts, string PayloadSha256, long PayloadBytes, string? PhotosSha256 = null,
    IReadOnlyList<string>? PhotoKeyIds = null);

/// <summary>
/// Layout of a .rfbak file:
/// "RFBAK" · format version (1 byte) · header length (int32 BE) · header JSON (<see cref="BackupHeader"/>),
/// then chunks: kind (0 data, 1 manifest) · ciphertext length (int32 BE) · ciphertext · 16-byte AES-GCM tag.
/// Each chunk is at most <see cref="BackupHeader.ChunkSize"/> bytes of the gzip-compressed payload, encrypted with a
/// per-file key (HKDF of the configured key and the header's salt), nonce = chunk counter, AAD = SHA-256(header) · kind.
/// The manifest chunk is last: a file cut anywhere, reordered or altered fails before anything is restored.
/// </summary>
public static class BackupFormat
{
    public const int Version = 1;
    public const int DefaultChunkSize = 1024 * 1024;
    public const string Extension = ".rfbak";
    internal const byte DataChunk = 0;
    internal const byte ManifestChunk = 1;
    internal const int TagSize = 16;
    private const int MaxHeaderLength = 64 * 1024;
    private static readonly byte[] Magic = "RFBAK"u8.ToArray();
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the header and returns its SHA-256, the AAD of every chunk.</summary>
    internal static byte[] WriteHeader(Stream stream, BackupHeader header)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        var bytes = new byte[Magic.Length + 1 + 4 + json.Length];
        Magic.CopyTo(bytes, 0);
        bytes[Magic.Length] = (byte)header.FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Magic.Length + 1), json.Length);
        json.CopyTo(bytes, Magic.Length + 5);
        stream.Write(bytes);
        return SHA256.HashData(bytes);
    }

    public const string NotABackup = "Ce fichier n'est pas une sauvegarde RegisFlow (.rfbak).";

    /// <summary>
    /// The length of the header (with its prefix) from the first bytes of a file, or null when more bytes are needed to
    /// tell; refuses at once a start that is not a backup's.
    /// </summary>
    internal static int? HeaderLength(ReadOnlySpan<byte> start)
    {
        var magic = start[..Math.Min(start.Length, Magic.Length)];
        if (!magic.SequenceEqual(Magic.AsSpan(0, magic.Length)))
        {
            throw new InvalidBackupException(NotABackup);
        }
        if (start.Length < Magic.Length + 5)
        {
            return null;
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(start[(Magic.Length + 1)..]);
        return length is <= 0 or > MaxHeaderLength ? Magic.Length + 5 : Magic.Length + 5 + length;
    }

    internal static (BackupHeader Header, byte[] HeaderHash) ReadHeader(Stream stream)
    {
        var prefix = new byte[Magic.Length + 5];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length
            || !prefix.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidBackupException(NotABackup);
        }
        if (prefix[Magic.Length] != Version)
        {
            throw new InvalidBackupException(
                $"Cette sauvegarde est au format {prefix[Magic.Length]}, que cette version de RegisFlow ne sait pas lire (format {Version}).");
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(Magic.Length + 1));
        if (length is <= 0 or > MaxHeaderLength)
        {
            throw new InvalidBackupException("L'en-tête de la sauvegarde est illisible : fichier altéré.");
        }
        var json = new byte[length];
        if (stream.ReadAtLeast(json, length, throwOnEndOfStream: false) < length)
        {
            throw new InvalidBackupException("La sauvegarde est incomplète (fichier tronqué).");
        }
        BackupHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<BackupHeader>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidBackupException("L'en-tête de la sauvegarde est illisible : fichier altéré.", e);
        }
        if (header is null || header.FormatVersion != Version || header.ChunkSize is <= 0 or > 16 * 1024 * 1024)
        {
            throw new InvalidBackupException("L'en-tête de la sauvegarde est illisible : fichier altéré.");
        }
        return (header, SHA256.HashData([.. prefix, .. json]));
    }

    internal static byte[] Nonce(long counter)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(nonce.AsSpan(4), counter);
        return nonce;
    }

    internal static byte[] Aad(byte[] headerHash, byte kind) => [.. headerHash, kind];

    internal static string AppVersion { get; } =
        (typeof(BackupFormat).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "?").Split('+')[0];

    internal static byte[] Serialize(BackupManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, Json);

    internal static BackupManifest DeserializeManifest(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(bytes, Json)
                ?? throw new InvalidBackupException("Le manifeste de la sauvegarde est vide.");
        }
        catch (JsonException e)
        {
            throw new InvalidBackupException("Le manifeste de la sauvegarde est illisible.", e);
        }
    }

    internal static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    internal static Encoding Utf8 { get; } = new UTF8Encoding(false);
}
