using PdfSharp.Drawing;
using PdfSharp.Pdf;
using RegisFlow.Domain.Exports;

namespace RegisFlow.Domain.Inspection;

/// <summary>
/// A4 pages written top to bottom with DejaVu Sans: wrapped paragraphs, shaded headings, bordered table rows, images, and each
/// page's footer with its number once the document is complete. PDFsharp keeps the document in memory until it is saved.
/// </summary>
internal sealed class PdfPages : IDisposable
{
    public const double Margin = 40;
    private const double FooterSpace = 30;

    public static readonly XFont Title = new(DejaVuFontResolver.Family, 15, XFontStyleEx.Bold);
    public static readonly XFont Heading = new(DejaVuFontResolver.Family, 10, XFontStyleEx.Bold);
    public static readonly XFont Body = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Regular);
    public static readonly XFont Label = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Bold);
    public static readonly XFont Small = new(DejaVuFontResolver.Family, 7, XFontStyleEx.Regular);
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(232, 232, 232));
    private static readonly XPen Rule = new(XColor.FromArgb(150, 150, 150), 0.5);

    private readonly PdfDocument _document = new();
    private PdfPage? _page;
    private XGraphics? _gfx;

    public PdfPages(string title)
    {
        DejaVuFontResolver.EnsureInstalled();
        _document.Info.Title = title;
        _document.Info.Creator = "RegisFlow";
        NewPage();
    }

    public double Y { get; private set; }
    public double Left => Margin;
    public double Width => _page!.Width.Point - 2 * Margin;
    private double Bottom => _page!.Height.Point - Margin - FooterSpace;
    private XGraphics Gfx => _gfx!;

    public void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void EnsureSpace(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Gap(double height) => Y += height;

    /// <summary>A paragraph wrapped to the page's width (or <paramref name="width"/>), starting a new page when needed.</summary>
    public void Paragraph(string text, XFont font, double? width = null)
    {
        var lineHeight = font.GetHeight() + 1.5;
        foreach (var line in Wrap(text, font, width ?? Width))
        {
            EnsureSpace(lineHeight);
            Gfx.DrawString(line, font, XBrushes.Black, Left, Y, XStringFormats.TopLeft);
            Y += lineHeight;
        }
    }

    /// <summary>A shaded bar holding one line of bold text; kept on the page with <paramref name="keepWith"/> points below it.</summary>
    public void Banner(string text, double keepWith = 0)
    {
        var height = Heading.GetHeight() + 6;
        EnsureSpace(height + keepWith);
        Gfx.DrawRectangle(Shade, Left, Y, Width, height);
        Gfx.DrawString(Clean(text), Heading, XBrushes.Black, new XRect(Left + 4, Y + 3, Width - 8, height), XStringFormats.TopLeft);
        Y += height + 3;
    }

    /// <summary>"Label : value" pairs in two columns, each wrapped within its column.</summary>
    public void Pairs(IReadOnlyList<(string Label, string Value)> pairs)
    {
        var column = Width / 2;
        var lineHeight = Body.GetHeight() + 1.5;
        for (var i = 0; i < pairs.Count; i += 2)
        {
            var left = PairLines(pairs[i], column - 8);
            var right = i + 1 < pairs.Count ? PairLines(pairs[i + 1], column - 8) : [];
            var rows = Math.Max(left.Count, right.Count);
            EnsureSpace(rows * lineHeight);
            DrawPair(left, Left, lineHeight);
            DrawPair(right, Left + column, lineHeight);
            Y += rows * lineHeight;
        }
    }

    /// <summary>A table row: each cell wrapped within its share of the width; a new page repeats <paramref name="header"/> first.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> shares, bool shaded = false, IReadOnlyList<string>? header = null)
    {
        var font = shaded ? Label : Body;
        var lineHeight = font.GetHeight() + 1;
        var lines = cells.Select((cell, i) => Wrap(cell, font, Width * shares[i] - 6)).ToList();
        var height = lines.Max(l => l.Count) * lineHeight + 4;
        if (Y + height > Bottom)
        {
            NewPage();
            if (header is not null)
            {
                Row(header, shares, shaded: true);
            }
        }
        var x = Left;
        for (var i = 0; i < cells.Count; i++)
        {
            var width = Width * shares[i];
            if (shaded)
            {
                Gfx.DrawRectangle(Shade, x, Y, width, height);
            }
            Gfx.DrawRectangle(Rule, x, Y, width, height);
            for (var l = 0; l < lines[i].Count; l++)
            {
                Gfx.DrawString(lines[i][l], font, XBrushes.Black, x + 3, Y + 2 + l * lineHeight, XStringFormats.TopLeft);
            }
            x += width;
        }
        Y += height;
    }

    /// <summary>JPEG images side by side, each scaled into a box, with its caption below.</summary>
    public void Images(IReadOnlyList<(byte[] Jpeg, string Caption)> images, double boxWidth = 150, double boxHeight = 110)
    {
        if (images.Count == 0)
        {
            return;
        }
        var captionHeight = Small.GetHeight() + 2;
        EnsureSpace(boxHeight + captionHeight);
        var x = Left;
        foreach (var (jpeg, caption) in images)
        {
            using var image = XImage.FromStream(new MemoryStream(jpeg, writable: false));
            var scale = Math.Min(boxWidth / image.PointWidth, boxHeight / image.PointHeight);
            Gfx.DrawImage(image, x, Y, image.PointWidth * scale, image.PointHeight * scale);
            Gfx.DrawString(caption, Small, XBrushes.Black, x, Y + boxHeight + 1, XStringFormats.TopLeft);
            x += boxWidth + 10;
        }
        Y += boxHeight + captionHeight + 2;
    }

    /// <summary>Writes each page's footer (<paramref name="left"/> and "Page i / n"), then the document to <paramref name="output"/>.</summary>
    public async Task SaveAsync(Stream output, string left, CancellationToken ct)
    {
        _gfx?.Dispose();
        _gfx = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var area = new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, 12);
            gfx.DrawString(Clean(left), Small, XBrushes.Gray, area, XStringFormats.TopLeft);
            gfx.DrawString($"Page {i + 1} / {count}", Small, XBrushes.Black, area, XStringFormats.TopRight);
        }
        // PDFsharp writes synchronously; a temporary file keeps a web response free of synchronous writes.
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        _document.Save(file, closeStream: false);
        file.Position = 0;
        await file.CopyToAsync(output, ct);
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    /// <summary>Words laid out within <paramref name="width"/>; a word wider than that (a hash) is cut where it no longer fits.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in Clean(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (Gfx.MeasureString(candidate, font).Width <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0)
            {
                lines.Add(current);
            }
            current = word;
            while (current.Length > 1 && Gfx.MeasureString(current, font).Width > width)
            {
                var fit = current.Length - 1;
                while (fit > 1 && Gfx.MeasureString(current[..fit], font).Width > width)
                {
                    fit--;
                }
                lines.Add(current[..fit]);
                current = current[fit..];
            }
        }
        lines.Add(current);
        return lines;
    }

    private List<string> PairLines((string Label, string Value) pair, double width)
    {
        var label = pair.Label + " : ";
        var lines = Wrap(pair.Value.Length == 0 ? "—" : pair.Value, Body, width - Gfx.MeasureString(label, Label).Width);
        lines[0] = label + lines[0];
        return lines;
    }

    private void DrawPair(List<string> lines, double x, double lineHeight)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == 0)
            {
                var split = lines[0].IndexOf(" : ", StringComparison.Ordinal) + 3;
                var label = lines[0][..split];
                Gfx.DrawString(label, Label, XBrushes.Black, x, Y, XStringFormats.TopLeft);
                Gfx.DrawString(lines[0][split..], Body, XBrushes.Black, x + Gfx.MeasureString(label, Label).Width, Y, XStringFormats.TopLeft);
            }
            else
            {
                Gfx.DrawString(lines[i], Body, XBrushes.Black, x, Y + i * lineHeight, XStringFormats.TopLeft);
            }
        }
    }

    private static string Clean(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
