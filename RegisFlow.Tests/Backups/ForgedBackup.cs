using System.Buffers.Binary;
using System.IO.Compression;
using RegisFlow.Domain.Backups;

namespace RegisFlow.Tests.Backups;

/// <summary>
/// Rewrites a real backup with the key that made it: each table's binary COPY data through a change, and a manifest that
/// matches the new payload. The forged file passes every check of the file itself (chunks, checksum, manifest), so what it
/// holds fails only once the restore is loading it.
/// </summary>
internal static class ForgedBackup
{
    public static async Task RewriteAsync(string path, BackupKey key, Func<string, byte[], byte[]> change,
        Func<BackupManifest, BackupManifest>? changeManifest = null)
    {
        var tables = new List<(string Table, string[] Columns, byte[] Data)>();
        BackupHeader header;
        BackupManifest manifest;
        await using (var file = File.OpenRead(path))
        {
            (header, var headerHash) = BackupFormat.ReadHeader(file);
            using var decrypting = new DecryptingStream(file, key.DeriveFileKey(Convert.FromBase64String(header.Salt)), headerHash, header.ChunkSize);
            await using (var gzip = new GZipStream(decrypting, CompressionMode.Decompress, leaveOpen: true))
            {
                using var payload = new PayloadReader(gzip);
                var buffer = new byte[64 * 1024];
                while (payload.NextTable() is var (table, columns))
                {
                    var data = new MemoryStream();
                    for (var block = payload.NextBlock(ref buffer); !block.IsEmpty; block = payload.NextBlock(ref buffer))
                    {
                        data.Write(block.Span);
                    }
                    tables.Add((table, columns, change(table, data.ToArray())));
                }
                Assert.Equal(-1, gzip.ReadByte());
            }
            manifest = BackupFormat.DeserializeManifest(decrypting.Manifest!);
        }

        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write);
        var newHeaderHash = BackupFormat.WriteHeader(output, header);
        using var encrypting = new EncryptingStream(output, key.DeriveFileKey(Convert.FromBase64String(header.Salt)), newHeaderHash, header.ChunkSize);
        string sha256;
        long bytes;
        await using (var gzip = new GZipStream(encrypting, CompressionLevel.Fastest, leaveOpen: true))
        {
            using var payload = new PayloadWriter(gzip);
            foreach (var (table, columns, data) in tables)
            {
                await payload.BeginTableAsync(table, columns, CancellationToken.None);
                for (var at = 0; at < data.Length; at += 1024 * 1024)
                {
                    await payload.WriteBlockAsync(data.AsMemory(at, Math.Min(1024 * 1024, data.Length - at)), CancellationToken.None);
                }
                await payload.EndTableAsync(CancellationToken.None);
            }
            sha256 = await payload.EndAsync(CancellationToken.None);
            bytes = payload.Bytes;
        }
        manifest = (changeManifest ?? (m => m))(manifest) with { PayloadSha256 = sha256, PayloadBytes = bytes };
        encrypting.Finish(BackupFormat.Serialize(manifest));
    }

    /// <summary>The binary COPY data without its first row.</summary>
    public static byte[] WithoutFirstRow(byte[] copy)
    {
        var start = HeaderLength(copy);
        var end = start + RowLength(copy, start);
        return [.. copy[..start], .. copy[end..]];
    }

    /// <summary>The binary COPY data with its first row claiming a single column: PostgreSQL refuses it.</summary>
    public static byte[] WithFirstRowBroken(byte[] copy)
    {
        var broken = (byte[])copy.Clone();
        BinaryPrimitives.WriteInt16BigEndian(broken.AsSpan(HeaderLength(broken)), 1);
        return broken;
    }

    /// <summary>Signature (11 bytes), flags (4), extension length (4) and the extension.</summary>
    private static int HeaderLength(byte[] copy) => 19 + BinaryPrimitives.ReadInt32BigEndian(copy.AsSpan(15));

    private static int RowLength(byte[] copy, int at)
    {
        var fields = BinaryPrimitives.ReadInt16BigEndian(copy.AsSpan(at));
        var position = at + 2;
        for (var i = 0; i < fields; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(copy.AsSpan(position));
            position += 4 + Math.Max(length, 0);
        }
        return position - at;
    }
}
