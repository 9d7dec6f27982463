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

/// <summary>A photo kept in its own table so that listing sales never loads image bytes.</summary>
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
    public DateTimeOffset CreatedAt { get; set; }
}
