using RegisFlow.Domain.History;
using SkiaSharp;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace RegisFlow.Domain.Exports;

/// <summary>A photo as the workbook embeds it.</summary>
internal sealed record XlsxPicture(string ContentType, byte[] Data);

/// <summary>A photo shown by a one-cell anchor on its image part (no System.Drawing needed), downscaled for the workbook.</summary>
internal static class XlsxPictures
{
    /// <summary>About the long edge of a photo in the workbook: enough to read a document once zoomed, a quarter of the stored bytes.</summary>
    public const int LongEdgePixels = 1000;

    private const int JpegQuality = 75;

    public const double RowHeightPoints = 100;
    private const long EmuPerPixel = 9525;
    private const int MaxWidthPixels = 220, MaxHeightPixels = 128;

    public static Xdr.OneCellAnchor Anchor(string relationshipId, uint id, SalePhotoInfo photo, int column, int row)
    {
        var (width, height) = (Math.Max(photo.Width, 1), Math.Max(photo.Height, 1));
        var scale = Math.Min((double)MaxWidthPixels / width, (double)MaxHeightPixels / height);
        var cx = (long)(width * scale * EmuPerPixel);
        var cy = (long)(height * scale * EmuPerPixel);
        var name = $"Vente {photo.Id} {photo.Kind}";

        return new Xdr.OneCellAnchor(
            new Xdr.FromMarker(
                new Xdr.ColumnId(column.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.ColumnOffset("38100"),
                new Xdr.RowId(row.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.RowOffset("38100")),
            new Xdr.Extent { Cx = cx, Cy = cy },
            new Xdr.Picture(
                new Xdr.NonVisualPictureProperties(
                    new Xdr.NonVisualDrawingProperties { Id = id + 1, Name = name },
                    new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                new Xdr.BlipFill(
                    new A.Blip { Embed = relationshipId },
                    new A.Stretch(new A.FillRectangle())),
                new Xdr.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
            new Xdr.ClientData());
    }

    /// <summary>The batch's photos downscaled, on every core (decoding JPEG at k/8 of its size is what makes it cheap).</summary>
    public static Dictionary<long, XlsxPicture> Downscale(IReadOnlyDictionary<long, byte[]> photos, CancellationToken ct)
    {
        var result = new System.Collections.Concurrent.ConcurrentDictionary<long, XlsxPicture>();
        Parallel.ForEach(photos, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            photo => result[photo.Key] = Downscale(photo.Value));
        return new Dictionary<long, XlsxPicture>(result);
    }

    /// <summary>
    /// A JPEG whose long edge is near <see cref="LongEdgePixels"/>, decoded straight at the nearest k/8 scale (no resampling); a photo
    /// already that small, or that cannot be read, is kept as it is.
    /// </summary>
    public static XlsxPicture Downscale(byte[] stored)
    {
        using var data = SKData.CreateCopy(stored);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg
            || Math.Max(codec.Info.Width, codec.Info.Height) <= LongEdgePixels * 11 / 10)
        {
            return new XlsxPicture(codec?.EncodedFormat == SKEncodedImageFormat.Png ? "image/png" : "image/jpeg", stored);
        }
        var size = Enumerable.Range(1, 7)
            .Select(eighths => codec.GetScaledDimensions(eighths / 8f))
            .Where(s => Math.Max(s.Width, s.Height) >= LongEdgePixels * 8 / 10)
            .MinBy(s => Math.Abs(Math.Max(s.Width, s.Height) - LongEdgePixels));
        if (size.IsEmpty)
        {
            return new XlsxPicture("image/jpeg", stored);
        }
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return new XlsxPicture("image/jpeg", stored);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return new XlsxPicture("image/jpeg", encoded.ToArray());
    }
}

/// <summary>Sheet names Excel accepts: at most 31 characters, none of : \ / ? * [ ], not starting or ending with ', all different.</summary>
internal static class XlsxSheetNames
{
    public static List<string> Unique(IEnumerable<string> wanted)
    {
        var names = new List<string>();
        foreach (var name in wanted)
        {
            var clean = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' || char.IsControl(c) ? ' ' : c).ToArray()).Trim().Trim('\'').Trim();
            if (clean.Length == 0)
            {
                clean = "Ventes";
            }
            var candidate = clean.Length > 31 ? clean[..31].TrimEnd() : clean;
            for (var n = 2; names.Contains(candidate, StringComparer.OrdinalIgnoreCase); n++)
            {
                var suffix = $" ({n})";
                candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)].TrimEnd() : clean) + suffix;
            }
            names.Add(candidate);
        }
        return names;
    }
}
