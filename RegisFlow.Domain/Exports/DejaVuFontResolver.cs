using PdfSharp.Fonts;

namespace RegisFlow.Domain.Exports;

/// <summary>
/// Serves the DejaVu Sans faces shipped inside this assembly, so PDFs render French text the same on any Linux host
/// (PDFsharp finds no system fonts there). Every family name resolves to DejaVu Sans.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process; PDFsharp allows a single global resolver.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => (bold, italic) switch
    {
        (true, true) => new FontResolverInfo("DejaVuSans-BoldOblique"),
        (true, false) => new FontResolverInfo("DejaVuSans-Bold"),
        (false, true) => new FontResolverInfo("DejaVuSans-Oblique"),
        _ => new FontResolverInfo("DejaVuSans"),
    };

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(DejaVuFontResolver).Assembly.GetManifestResourceStream($"RegisFlow.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
