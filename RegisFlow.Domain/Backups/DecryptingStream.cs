using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// Read-only stream over the chunks of a .rfbak file: gives back the decrypted payload and, once the last chunk is
/// read, the manifest. Any altered, reordered or missing byte stops it with a French message.
/// </summary>
internal sealed class DecryptingStream(Stream file, byte[] fileKey, byte[] headerHash, int chunkSize) : Stream
{
    internal const string Altered =
        "La sauvegarde a été modifiée ou abîmée, ou elle a été chiffrée avec une autre clé (BACKUP_ENCRYPTION_KEY) : restauration refusée, aucune donnée n'a été modifiée.";
    internal const string Truncated =
        "La sauvegarde est incomplète (fichier tronqué) : restauration refusée, aucune donnée n'a été modifiée.";

    private readonly AesGcm _aes = new(fileKey, BackupFormat.TagSize);
    private byte[] _plain = [];
    private int _position;
    private long _counter;

    public byte[]? Manifest { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_position == _plain.Length)
        {
            if (Manifest is not null || !ReadChunk())
            {
                return 0;
            }
        }
        var take = Math.Min(buffer.Length, _plain.Length - _position);
        _plain.AsSpan(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(buffer.AsSpan(offset, count)));
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>Reads one chunk; false once the manifest (last chunk) is read.</summary>
    private bool ReadChunk()
    {
        Span<byte> prefix = stackalloc byte[5];
        if (file.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length)
        {
            throw new InvalidBackupException(Truncated);
        }
        var kind = prefix[0];
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix[1..]);
        if (kind > BackupFormat.ManifestChunk || length <= 0 || length > chunkSize)
        {
            throw new InvalidBackupException(Altered);
        }
        var cipher = new byte[length + BackupFormat.TagSize];
        if (file.ReadAtLeast(cipher, cipher.Length, throwOnEndOfStream: false) < cipher.Length)
        {
            throw new InvalidBackupException(Truncated);
        }
        var plain = new byte[length];
        try
        {
            _aes.Decrypt(BackupFormat.Nonce(_counter++), cipher.AsSpan(0, length), cipher.AsSpan(length), plain,
                BackupFormat.Aad(headerHash, kind));
        }
        catch (CryptographicException e)
        {
            throw new InvalidBackupException(Altered, e);
        }
        if (kind == BackupFormat.ManifestChunk)
        {
            if (file.ReadByte() != -1)
            {
                throw new InvalidBackupException(Altered);
            }
            Manifest = plain;
            _plain = [];
            _position = 0;
            return false;
        }
        _plain = plain;
        _position = 0;
        return true;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
        }
        base.Dispose(disposing);
    }
}
