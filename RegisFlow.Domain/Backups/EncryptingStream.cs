using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RegisFlow.Domain.Backups;

/// <summary>Write-only stream that cuts what it receives into chunks and writes each one encrypted (AES-GCM) to the file.</summary>
internal sealed class EncryptingStream(Stream file, byte[] fileKey, byte[] headerHash, int chunkSize) : Stream
{
    private readonly AesGcm _aes = new(fileKey, BackupFormat.TagSize);
    private readonly byte[] _buffer = new byte[chunkSize];
    private int _filled;
    private long _counter;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == _buffer.Length)
            {
                WriteChunk(BackupFormat.DataChunk, _buffer.AsSpan(0, _filled));
                _filled = 0;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes what remains of the payload, then the manifest as the last chunk.</summary>
    public void Finish(byte[] manifest)
    {
        if (_filled > 0)
        {
            WriteChunk(BackupFormat.DataChunk, _buffer.AsSpan(0, _filled));
            _filled = 0;
        }
        WriteChunk(BackupFormat.ManifestChunk, manifest);
        file.Flush();
    }

    private void WriteChunk(byte kind, ReadOnlySpan<byte> plain)
    {
        var cipher = new byte[plain.Length];
        var tag = new byte[BackupFormat.TagSize];
        _aes.Encrypt(BackupFormat.Nonce(_counter++), plain, cipher, tag, BackupFormat.Aad(headerHash, kind));
        Span<byte> prefix = stackalloc byte[5];
        prefix[0] = kind;
        BinaryPrimitives.WriteInt32BigEndian(prefix[1..], cipher.Length);
        file.Write(prefix);
        file.Write(cipher);
        file.Write(tag);
    }

    public override void Flush()
    {
        // Chunks are written whole; a partial chunk waits for more data or for Finish.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
        }
        base.Dispose(disposing);
    }
}
