using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// The payload before compression: for each table, 1 · table name · column list · the table's PostgreSQL binary COPY
/// data in blocks (int32 BE length · bytes), closed by a zero length; then 0. Hashed (SHA-256) as it is written.
/// </summary>
internal sealed class PayloadWriter(Stream output) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Bytes { get; private set; }

    public async Task BeginTableAsync(string table, IReadOnlyList<string> columns, CancellationToken ct)
    {
        await WriteAsync(new byte[] { 1 }, ct);
        await WriteStringAsync(table, ct);
        await WriteStringAsync(string.Join(',', columns), ct);
    }

    public async Task WriteBlockAsync(ReadOnlyMemory<byte> block, CancellationToken ct)
    {
        if (block.IsEmpty)
        {
            return;
        }
        await WriteLengthAsync(block.Length, ct);
        await WriteAsync(block, ct);
    }

    public Task EndTableAsync(CancellationToken ct) => WriteLengthAsync(0, ct);

    public async Task<string> EndAsync(CancellationToken ct)
    {
        await WriteAsync(new byte[] { 0 }, ct);
        return BackupFormat.Hex(_hash.GetHashAndReset());
    }

    private async Task WriteStringAsync(string value, CancellationToken ct)
    {
        var bytes = BackupFormat.Utf8.GetBytes(value);
        await WriteLengthAsync(bytes.Length, ct);
        await WriteAsync(bytes, ct);
    }

    private Task WriteLengthAsync(int length, CancellationToken ct)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        return WriteAsync(bytes, ct).AsTask();
    }

    private ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        _hash.AppendData(bytes.Span);
        Bytes += bytes.Length;
        return output.WriteAsync(bytes, ct);
    }

    public void Dispose() => _hash.Dispose();
}

/// <summary>Reads what <see cref="PayloadWriter"/> wrote, hashing it the same way.</summary>
internal sealed class PayloadReader(Stream input) : IDisposable
{
    private const int MaxBlock = 16 * 1024 * 1024;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _small = new byte[4];

    public long Bytes { get; private set; }

    /// <summary>The next table and its columns, or null at the end of the payload.</summary>
    public (string Table, string[] Columns)? NextTable()
    {
        Read(_small.AsSpan(0, 1));
        if (_small[0] == 0)
        {
            return null;
        }
        if (_small[0] != 1)
        {
            throw new InvalidBackupException(DecryptingStream.Altered);
        }
        var table = ReadString();
        var columns = ReadString().Split(',');
        return (table, columns);
    }

    /// <summary>The next block of the current table (a slice of <paramref name="buffer"/> grown as needed), or empty at the table's end.</summary>
    public ReadOnlyMemory<byte> NextBlock(ref byte[] buffer)
    {
        var length = ReadLength();
        if (length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }
        if (length > buffer.Length)
        {
            buffer = new byte[length];
        }
        Read(buffer.AsSpan(0, length));
        return buffer.AsMemory(0, length);
    }

    public string Hash() => BackupFormat.Hex(_hash.GetHashAndReset());

    private string ReadString()
    {
        var length = ReadLength();
        var bytes = new byte[length];
        Read(bytes);
        return BackupFormat.Utf8.GetString(bytes);
    }

    private int ReadLength()
    {
        Read(_small);
        var length = BinaryPrimitives.ReadInt32BigEndian(_small);
        if (length is < 0 or > MaxBlock)
        {
            throw new InvalidBackupException(DecryptingStream.Altered);
        }
        return length;
    }

    private void Read(Span<byte> target)
    {
        if (input.ReadAtLeast(target, target.Length, throwOnEndOfStream: false) < target.Length)
        {
            throw new InvalidBackupException(DecryptingStream.Truncated);
        }
        _hash.AppendData(target);
        Bytes += target.Length;
    }

    public void Dispose() => _hash.Dispose();
}
