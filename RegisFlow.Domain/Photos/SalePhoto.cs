namespace RegisFlow.Domain.Photos;

public enum PhotoKind
{
    IdFront,
    IdBack,
    Receipt,
}

public static class PhotoKindLabels
{
    public static string Label(this PhotoKind kind) => kind switch
    {
        PhotoKind.IdFront => "Pièce d'identité (recto)",
        PhotoKind.IdBack => "Pièce d'identité (verso)",
        PhotoKind.Receipt => "Ticket de caisse",
        _ => kind.ToString(),
    };
}

/// <summary>
/// A photo kept in its own table so that listing sales never loads image bytes. <see cref="Data"/> is the JPEG encrypted
/// with the photo key (<see cref="PhotoKey.Seal"/>); <see cref="SizeBytes"/>, <see cref="Width"/> and <see cref="Height"/>
/// describe the JPEG itself.
/// </summary>
public class SalePhoto
{
    public long Id { get; set; }
    public long SaleId { get; set; }
    public PhotoKind Kind { get; set; }
    public required string ContentType { get; set; }
    public int SizeBytes { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required byte[] Data { get; set; }

    /// <summary>
    /// SHA-256 of the JPEG (not of the stored bytes): what the sale's integrity hash covers and what opening the photo
    /// checks. Null only for a photo restored from a backup older than encryption, until the restore fills it.
    /// </summary>
    public byte[]? ContentSha256 { get; set; }

    /// <summary>
    /// Fingerprint of the key that encrypted <see cref="Data"/> (<see cref="PhotoKey.Id"/>); null for a photo stored before
    /// encryption, which the start-up encryption (<see cref="PhotoEncryption"/>) has not reached yet.
    /// </summary>
    public string? EncryptionKeyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static byte[] Sha256Of(byte[] plaintextJpeg) => System.Security.Cryptography.SHA256.HashData(plaintextJpeg);
}
