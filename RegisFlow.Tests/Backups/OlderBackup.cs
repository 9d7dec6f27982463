using System.IO.Compression;
using RegisFlow.Domain.Backups;

namespace RegisFlow.Tests.Backups;

/// <summary>
/// A backup as an older RegisFlow wrote it, before a table existed: a real backup decrypted and written again, same key,
/// without that table, with a manifest that neither counts it nor names a schema that has it.
/// </summary>
internal static class OlderBackup
{
    public static string WithoutTable(BackupKey key, string path, string table, string olderSchemaVersion)
    {
        var olderPath = Path.Combine(Path.GetDirectoryName(path)!, "ancienne-" + Path.GetFileName(path));
        using var source = File.OpenRead(path);
        var (header, headerHash) = BackupFormat.ReadHeader(source);
        var fileKey = key.DeriveFileKey(Convert.FromBase64String(header.Salt));
        using var decrypting = new DecryptingStream(source, fileKey, headerHash, header.ChunkSize);

        using var target = File.Create(olderPath);
        var writtenHash = BackupFormat.WriteHeader(target, header);
        Assert.Equal(headerHash, writtenHash);
        using var encrypting = new EncryptingStream(target, fileKey, headerHash, header.ChunkSize);
        string sha256;
        long bytes;
        using (var gzipOut = new GZipStream(encrypting, CompressionLevel.Fastest, leaveOpen: true))
        using (var gzipIn = new GZipStream(decrypting, CompressionMode.Decompress, leaveOpen: true))
        using (var reader = new PayloadReader(gzipIn))
        using (var writer = new PayloadWriter(gzipOut))
        {
            var buffer = new byte[64 * 1024];
            while (reader.NextTable() is var (name, columns))
            {
                var kept = name != table;
                if (kept)
                {
                    writer.BeginTableAsync(name, columns, CancellationToken.None).GetAwaiter().GetResult();
                }
                for (var block = reader.NextBlock(ref buffer); !block.IsEmpty; block = reader.NextBlock(ref buffer))
                {
                    if (kept)
                    {
                        writer.WriteBlockAsync(block, CancellationToken.None).GetAwaiter().GetResult();
                    }
                }
                if (kept)
                {
                    writer.EndTableAsync(CancellationToken.None).GetAwaiter().GetResult();
                }
            }
            sha256 = writer.EndAsync(CancellationToken.None).GetAwaiter().GetResult();
            bytes = writer.Bytes;
            Assert.Equal(-1, gzipIn.ReadByte());
        }
        var manifest = BackupFormat.DeserializeManifest(decrypting.Manifest!);
        Assert.True(manifest.Counts.ContainsKey(table), $"La sauvegarde d'origine devait contenir {table}.");
        var counts = manifest.Counts.Where(c => c.Key != table).ToDictionary(c => c.Key, c => c.Value);
        encrypting.Finish(BackupFormat.Serialize(manifest with
        {
            SchemaVersion = olderSchemaVersion, Counts = counts, PayloadSha256 = sha256, PayloadBytes = bytes,
        }));
        return olderPath;
    }
}
