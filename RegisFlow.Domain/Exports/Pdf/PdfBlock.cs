namespace RegisFlow.Domain.Exports.Pdf;

/// <summary>
/// Something drawn on a page at a given top, whose height is known before it is drawn: layout and drawing share the same numbers,
/// so a first pass can count pages without drawing anything.
/// </summary>
public sealed record PdfItem(float Height, Action<PdfPage, float> Draw);

/// <summary>
/// Items kept together on one page (a sale: heading, fields, articles, photos). A block taller than a page flows item by item,
/// each further page starting with <see cref="ContinuedHeading"/>.
/// </summary>
public sealed class PdfBlock(IReadOnlyList<PdfItem> items, PdfItem? continuedHeading = null, float spaceAfter = 0)
{
    public IReadOnlyList<PdfItem> Items => items;

    public PdfItem? ContinuedHeading => continuedHeading;

    public float SpaceAfter => spaceAfter;

    public float Height => items.Sum(i => i.Height);
}
