using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Exports;

/// <summary>
/// "Registre des ventes d'artifices" as an A4 PDF: one block per sale with every field, its product lines as a table and its photos.
/// PDFsharp keeps the whole document (photos included) in memory until it is saved, so a PDF is limited to <see cref="Limit"/> sales;
/// CSV and Excel have no such limit.
/// </summary>
public sealed class PdfSaleExporter : ISaleExporter
{
    public const int Limit = 500;

    public ExportFormat Format => ExportFormat.Pdf;
    public string ContentType => "application/pdf";
    public string Extension => "pdf";
    public bool IncludesPhotos => true;
    public int? MaxSales => Limit;

    public ISaleExportWriter Open(Stream output, ExportContext context)
    {
        DejaVuFontResolver.EnsureInstalled();
        return new Writer(output, context);
    }

    private sealed class Writer(Stream output, ExportContext context) : ISaleExportWriter
    {
        private const double Margin = 40;
        private const double FooterSpace = 30;
        private static readonly XFont TitleFont = new(DejaVuFontResolver.Family, 16, XFontStyleEx.Bold);
        private static readonly XFont HeadingFont = new(DejaVuFontResolver.Family, 10.5, XFontStyleEx.Bold);
        private static readonly XFont TextFont = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Regular);
        private static readonly XFont LabelFont = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Bold);
        private static readonly XFont SmallFont = new(DejaVuFontResolver.Family, 7.5, XFontStyleEx.Italic);
        private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(235, 235, 235));
        private static readonly XPen Rule = new(XColor.FromArgb(150, 150, 150), 0.5);

        private readonly PdfDocument _document = new();
        private PdfPage? _page;
        private XGraphics? _gfx;
        private double _y;

        private double Width => _page!.Width.Point - 2 * Margin;
        private double Bottom => _page!.Height.Point - Margin - FooterSpace;

        public Task WriteAsync(ExportBatch batch, CancellationToken ct)
        {
            if (_page is null)
            {
                StartDocument();
            }
            foreach (var sale in batch.Sales)
            {
                ct.ThrowIfCancellationRequested();
                WriteSale(sale, batch.Photos);
            }
            return Task.CompletedTask;
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_page is null)
            {
                StartDocument();
                Line("Aucune vente ne correspond aux filtres choisis.", TextFont);
            }
            _gfx?.Dispose();
            _gfx = null;
            NumberPages();
            // PDFsharp writes synchronously; a temporary file keeps a web response free of synchronous writes.
            await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            _document.Save(file, closeStream: false);
            file.Position = 0;
            await file.CopyToAsync(output, ct);
        }

        public ValueTask DisposeAsync()
        {
            _gfx?.Dispose();
            _document.Dispose();
            return ValueTask.CompletedTask;
        }

        private void StartDocument()
        {
            _document.Info.Title = ExportContext.Title;
            _document.Info.Creator = "RegisFlow";
            NewPage();
            Line(ExportContext.Title, TitleFont);
            Line($"Magasin : {context.StoreLabel}", TextFont);
            Line($"Période : {context.Period}", TextFont);
            Line($"Généré le : {context.DateTime(context.GeneratedAt)}", TextFont);
            _y += 10;
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private void EnsureSpace(double height)
        {
            if (_y + height > Bottom)
            {
                NewPage();
            }
        }

        private void Line(string text, XFont font)
        {
            var height = font.GetHeight() + 2;
            EnsureSpace(height);
            _gfx!.DrawString(Clean(text), font, XBrushes.Black, new XRect(Margin, _y, Width, height), XStringFormats.TopLeft);
            _y += height;
        }

        private void WriteSale(SaleRecord sale, IReadOnlyDictionary<long, byte[]> photos)
        {
            var headingHeight = HeadingFont.GetHeight() + 6;
            EnsureSpace(headingHeight + 60);
            _gfx!.DrawRectangle(Shade, Margin, _y, Width, headingHeight);
            _gfx.DrawString($"Vente n° {sale.Id} — {context.DateTime(sale.SoldAt)} — {Clean(sale.StoreName)}", HeadingFont, XBrushes.Black,
                new XRect(Margin + 4, _y + 3, Width - 8, headingHeight), XStringFormats.TopLeft);
            _y += headingHeight + 4;

            WriteFields(Fields(sale));
            WriteLines(sale.Lines);
            WritePhotos(sale.Photos, photos);
            _y += 12;
        }

        private List<(string Label, string Value)> Fields(SaleRecord sale) =>
        [
            ("Nom", sale.BuyerLastName), ("Prénom", sale.BuyerFirstName),
            ("Né(e) le", ExportContext.Date(sale.BuyerBirthDate)), ("Lieu de naissance", sale.BuyerBirthPlace),
            ("Adresse", sale.BuyerAddress), ("Moyen de paiement", sale.PaymentMethod.Label()),
            ("Pièce d'identité", sale.IdDocumentType.Label()), ("N° de pièce", sale.IdDocumentNumber),
            ("Délivrée le", ExportContext.Date(sale.IdDocumentIssueDate)), ("Autorité", sale.IdDocumentAuthority ?? "—"),
            ("Vendeur", sale.SellerName), ("Saisie", $"{sale.CreatedBy ?? "—"}, le {context.DateTime(sale.CreatedAt)}"),
        ];

        private void WriteFields(List<(string Label, string Value)> fields)
        {
            var columnWidth = Width / 2;
            var lineHeight = TextFont.GetHeight() + 1.5;
            for (var i = 0; i < fields.Count; i += 2)
            {
                var left = Wrap(fields[i], columnWidth - 8);
                var right = i + 1 < fields.Count ? Wrap(fields[i + 1], columnWidth - 8) : [];
                var rows = Math.Max(left.Count, right.Count);
                EnsureSpace(rows * lineHeight);
                DrawField(left, Margin, lineHeight);
                DrawField(right, Margin + columnWidth, lineHeight);
                _y += rows * lineHeight;
            }
            _y += 4;
        }

        private void DrawField(List<string> lines, double x, double lineHeight)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var font = i == 0 ? LabelFont : TextFont;
                var text = lines[i];
                if (i == 0)
                {
                    // The first line holds "Label : value"; the label is drawn bold.
                    var split = text.IndexOf(" : ", StringComparison.Ordinal);
                    var label = text[..(split + 3)];
                    _gfx!.DrawString(label, LabelFont, XBrushes.Black, x, _y, XStringFormats.TopLeft);
                    _gfx.DrawString(text[(split + 3)..], TextFont, XBrushes.Black, x + _gfx.MeasureString(label, LabelFont).Width, _y, XStringFormats.TopLeft);
                }
                else
                {
                    _gfx!.DrawString(text, font, XBrushes.Black, x, _y + i * lineHeight, XStringFormats.TopLeft);
                }
            }
        }

        private List<string> Wrap((string Label, string Value) field, double width)
        {
            var label = field.Label + " : ";
            var labelWidth = _gfx!.MeasureString(label, LabelFont).Width;
            var result = new List<string>();
            var current = "";
            var available = width - labelWidth;
            foreach (var word in Clean(field.Value).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && _gfx.MeasureString(candidate, TextFont).Width > available)
                {
                    result.Add(current);
                    current = word;
                    available = width;
                }
                else
                {
                    current = candidate;
                }
            }
            result.Add(current);
            result[0] = label + result[0];
            return result;
        }

        private static readonly (string Header, double Share)[] Columns =
            [("N°", 0.07), ("Type d'article", 0.45), ("Catégorie", 0.13), ("Quantité", 0.12), ("EAN-13", 0.23)];

        private void WriteLines(IReadOnlyList<SaleLineRecord> lines)
        {
            var rowHeight = TextFont.GetHeight() + 5;
            EnsureSpace(rowHeight * Math.Min(2, lines.Count + 1));
            DrawRow(Columns.Select(c => c.Header).ToArray(), rowHeight, LabelFont, header: true);
            foreach (var line in lines)
            {
                if (_y + rowHeight > Bottom)
                {
                    NewPage();
                    DrawRow(Columns.Select(c => c.Header).ToArray(), rowHeight, LabelFont, header: true);
                }
                DrawRow(
                [
                    line.Position.ToString(CultureInfo.InvariantCulture), line.ArticleType.Label(), line.Category.ToString(),
                    line.Quantity.ToString(CultureInfo.InvariantCulture), line.Ean13,
                ], rowHeight, TextFont, header: false);
            }
            _y += 6;
        }

        private void DrawRow(string[] cells, double height, XFont font, bool header)
        {
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                var width = Width * Columns[i].Share;
                if (header)
                {
                    _gfx!.DrawRectangle(Shade, x, _y, width, height);
                }
                _gfx!.DrawRectangle(Rule, x, _y, width, height);
                _gfx.DrawString(cells[i], font, XBrushes.Black, new XRect(x + 3, _y + 2, width - 6, height - 2), XStringFormats.TopLeft);
                x += width;
            }
            _y += height;
        }

        private void WritePhotos(IReadOnlyList<SalePhotoInfo> infos, IReadOnlyDictionary<long, byte[]> photos)
        {
            const double boxWidth = 160, boxHeight = 120, gap = 10;
            var shown = infos.Where(p => photos.ContainsKey(p.Id)).ToList();
            if (shown.Count == 0)
            {
                return;
            }
            var captionHeight = SmallFont.GetHeight() + 2;
            EnsureSpace(boxHeight + captionHeight);
            var x = Margin;
            foreach (var info in shown)
            {
                using var image = XImage.FromStream(new MemoryStream(photos[info.Id], writable: false));
                var scale = Math.Min(boxWidth / image.PointWidth, boxHeight / image.PointHeight);
                var (w, h) = (image.PointWidth * scale, image.PointHeight * scale);
                _gfx!.DrawImage(image, x, _y, w, h);
                _gfx.DrawString(info.Kind.Label(), SmallFont, XBrushes.Black, x, _y + boxHeight + 1, XStringFormats.TopLeft);
                x += boxWidth + gap;
            }
            _y += boxHeight + captionHeight + 2;
        }

        private void NumberPages()
        {
            var count = _document.PageCount;
            for (var i = 0; i < count; i++)
            {
                var page = _document.Pages[i];
                using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var text = $"Page {i + 1} / {count}";
                gfx.DrawString(text, SmallFont, XBrushes.Black,
                    new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, 12), XStringFormats.TopCenter);
                gfx.DrawString($"{ExportContext.Title} — {context.StoreLabel}", SmallFont, XBrushes.Gray,
                    new XRect(Margin, page.Height.Point - Margin, page.Width.Point - 2 * Margin, 12), XStringFormats.TopLeft);
            }
        }

        private static string Clean(string text) =>
            string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
