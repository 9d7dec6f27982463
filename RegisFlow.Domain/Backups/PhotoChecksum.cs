using System.Buffers.Binary;
using System.Security.Cryptography;
using Npgsql;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// One SHA-256 over every photo of a database: each photo's id and the SHA-256 of its stored bytes (computed by
/// PostgreSQL), in id order. Written into a backup's manifest, and compared with a restored copy by the restore test.
/// Stored bytes are encrypted (or plain, for a photo not yet encrypted): the same stored bytes under the same key open
/// to the same JPEG, which opening checks against the row's content_sha256, so equal checksums mean the decrypted
/// photos are byte for byte the saved ones.
/// </summary>
internal static class PhotoChecksum
{
    /// <summary>The photo keys the photos are encrypted with (none for plain ones), for the manifest.</summary>
    public static async Task<IReadOnlyList<string>> KeyIdsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT encryption_key_id FROM sale_photos WHERE encryption_key_id IS NOT NULL ORDER BY 1", connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    public static async Task<string> ComputeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT id, sha256(data) FROM sale_photos ORDER BY id", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var id = new byte[8];
        while (await reader.ReadAsync(ct))
        {
            BinaryPrimitives.WriteInt64BigEndian(id, reader.GetInt64(0));
            hash.AppendData(id);
            hash.AppendData(reader.GetFieldValue<byte[]>(1));
        }
        return BackupFormat.Hex(hash.GetHashAndReset());
    }
}
