using SkiaSharp;

namespace RegisFlow.Domain.Exports.Pdf;

/// <summary>The page being drawn: its canvas and the frame inside the margins.</summary>
public sealed class PdfPage(SKCanvas canvas, int number, PdfLayout layout)
{
    private static readonly SKPaint Ink = new() { Color = SKColors.Black, IsAntialias = true };
    private static readonly SKPaint Grey = new() { Color = new SKColor(110, 110, 110), IsAntialias = true };
    private static readonly SKPaint ShadePaint = new() { Color = new SKColor(235, 235, 235), Style = SKPaintStyle.Fill };
    private static readonly SKPaint RulePaint = new() { Color = new SKColor(150, 150, 150), Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f };

    public SKCanvas Canvas => canvas;

    public int Number => number;

    public PdfLayout Layout => layout;

    /// <summary>Draws one line of text with its top at <paramref name="top"/>.</summary>
    public void Text(string text, PdfFont font, float x, float top, bool grey = false) =>
        canvas.DrawText(text, x, top + font.Ascent, SKTextAlign.Left, font.Font, grey ? Grey : Ink);

    public void CenteredText(string text, PdfFont font, float top, bool grey = false) =>
        canvas.DrawText(text, layout.Left + layout.Width / 2, top + font.Ascent, SKTextAlign.Center, font.Font, grey ? Grey : Ink);

    public void Shade(float x, float top, float width, float height) => canvas.DrawRect(x, top, width, height, ShadePaint);

    public void Frame(float x, float top, float width, float height) => canvas.DrawRect(x, top, width, height, RulePaint);

    /// <summary>
    /// Draws a JPEG or PNG in the given box. JPEG bytes are embedded as they are (no decoding, no re-encoding), and released as soon
    /// as the page has them.
    /// </summary>
    public void Image(byte[] encoded, SKRect box)
    {
        using var data = SKData.CreateCopy(encoded);
        using var image = SKImage.FromEncodedData(data);
        if (image is not null)
        {
            canvas.DrawImage(image, box);
        }
    }
}

/// <summary>A4 portrait, in points, with the margins every page keeps and the band for the footer.</summary>
public sealed record PdfLayout(float PageWidth = 595.28f, float PageHeight = 841.89f, float Margin = 40, float FooterBand = 28)
{
    public float Left => Margin;

    public float Width => PageWidth - 2 * Margin;

    public float Top => Margin;

    public float Bottom => PageHeight - Margin - FooterBand;

    public float ContentHeight => Bottom - Top;
}

/// <summary>
/// Writes a PDF page by page to the response: each finished page (its text, and its photos embedded as stored) leaves memory as soon
/// as the caller flushes, so the size of a document is not limited by the server's memory. Blocks are placed whole on a page; the
/// page count can be known first by <see cref="PdfPagination"/> running the same layout without drawing.
/// </summary>
public sealed class PdfDocumentWriter : IAsyncDisposable
{
    private readonly Stream _output;
    private readonly MemoryStream _pending = new();
    private readonly SKDocument _document;
    private readonly Action<PdfPage> _decorate;
    private PdfPage? _page;
    private float _y;
    private int _pages;

    /// <param name="decorate">Draws what every page carries (its footer), once the page is started.</param>
    public PdfDocumentWriter(Stream output, PdfLayout layout, SKDocumentPdfMetadata metadata, Action<PdfPage> decorate)
    {
        _output = output;
        Layout = layout;
        _decorate = decorate;
        // Skia writes synchronously; it writes into a buffer that FlushAsync hands to the response asynchronously.
        _document = SKDocument.CreatePdf(_pending, metadata);
    }

    public PdfLayout Layout { get; }

    public int PageCount => _pages;

    /// <summary>Ends the current page (if any) and starts a new one.</summary>
    public PdfPage NewPage()
    {
        EndPage();
        var canvas = _document.BeginPage(Layout.PageWidth, Layout.PageHeight);
        _page = new PdfPage(canvas, ++_pages, Layout);
        _y = Layout.Top;
        _decorate(_page);
        return _page;
    }

    /// <summary>Places a block below what the page already holds, on a new page when it does not fit whole.</summary>
    public void Place(PdfBlock block)
    {
        if (_page is null || (_y + block.Height > Layout.Bottom && _y > Layout.Top))
        {
            NewPage();
        }
        var first = true;
        foreach (var item in block.Items)
        {
            if (_y + item.Height > Layout.Bottom && !first)
            {
                NewPage();
                if (block.ContinuedHeading is { } heading)
                {
                    heading.Draw(_page!, _y);
                    _y += heading.Height;
                }
            }
            item.Draw(_page!, _y);
            _y += item.Height;
            first = false;
        }
        _y += block.SpaceAfter;
    }

    /// <summary>Hands what Skia has written so far to the output.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Length == 0)
        {
            return;
        }
        await _output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        _pending.SetLength(0);
    }

    /// <summary>Ends the last page and the document (fonts, page tree, cross-references) and writes the rest.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        EndPage();
        _document.Close();
        await FlushAsync(ct);
        await _output.FlushAsync(ct);
    }

    public ValueTask DisposeAsync()
    {
        _document.Dispose();
        _pending.Dispose();
        return ValueTask.CompletedTask;
    }

    private void EndPage()
    {
        if (_page is not null)
        {
            _document.EndPage();
            _page = null;
        }
    }
}

/// <summary>Counts the pages blocks will take, with the same rules as <see cref="PdfDocumentWriter.Place"/>, without drawing.</summary>
public sealed class PdfPagination(PdfLayout layout)
{
    private float _y = float.NaN;

    public int Pages { get; private set; }

    public void NewPage()
    {
        Pages++;
        _y = layout.Top;
    }

    public void Place(PdfBlock block)
    {
        if (float.IsNaN(_y) || (_y + block.Height > layout.Bottom && _y > layout.Top))
        {
            NewPage();
        }
        var first = true;
        foreach (var item in block.Items)
        {
            if (_y + item.Height > layout.Bottom && !first)
            {
                NewPage();
                _y += block.ContinuedHeading?.Height ?? 0;
            }
            _y += item.Height;
            first = false;
        }
        _y += block.SpaceAfter;
    }
}
