using RegisFlow.Domain.History;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace RegisFlow.Domain.Exports;

/// <summary>A photo shown by a one-cell anchor on its image part (embedded unchanged; no System.Drawing needed).</summary>
internal static class XlsxPictures
{
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
}
