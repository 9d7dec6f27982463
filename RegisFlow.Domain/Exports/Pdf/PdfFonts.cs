using SkiaSharp;

namespace RegisFlow.Domain.Exports.Pdf;

/// <summary>
/// The DejaVu Sans faces shipped inside this assembly, so PDFs render French text (and any Latin name) the same on every host, with
/// no font package. The PDF embeds only the glyphs used, with their Unicode text for search and copy.
/// </summary>
public static class PdfFonts
{
    public static readonly SKTypeface Regular = Load("DejaVuSans");
    public static readonly SKTypeface Bold = Load("DejaVuSans-Bold");
    public static readonly SKTypeface Oblique = Load("DejaVuSans-Oblique");

    private static SKTypeface Load(string face)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"RegisFlow.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"Police {face} absente de l'assemblage.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"Police {face} illisible.");
    }
}

/// <summary>A face at a size, with what layout needs: width of a text, height of a line, distance from a line's top to its baseline.</summary>
public sealed class PdfFont(SKTypeface typeface, float size)
{
    // Unhinted, linear advances: the same glyph widths at every size, so the PDF's text reads back as whole words.
    public SKFont Font { get; } = new(typeface, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };

    public float Size => size;

    public float LineHeight => Font.Spacing;

    public float Ascent => -Font.Metrics.Ascent;

    public float Width(string text) => Font.MeasureText(text);

    /// <summary>Words laid out within <paramref name="width"/>; a word wider than that is cut where it no longer fits.</summary>
    public List<string> Wrap(string text, float width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (Width(candidate) <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0)
            {
                lines.Add(current);
            }
            current = word;
            while (current.Length > 1 && Width(current) > width)
            {
                var fit = current.Length - 1;
                while (fit > 1 && Width(current[..fit]) > width)
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
}
