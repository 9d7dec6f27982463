using RegisFlow.Domain.Exports.Pdf;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using SkiaSharp;

namespace RegisFlow.Domain.Exports;

/// <summary>
/// "Registre des ventes d'artifices" as an A4 PDF for an inspection: a cover (store, period, number of sales and pages, who made it),
/// then one block per sale with every field, its articles and its photos, never split across two pages. Identity photos are printed
/// at least <see cref="MinIdPhotoWidthCm"/> cm wide so the document number reads. Pages are written to the response as they are
/// finished, photos embedded as stored: a season of sales takes no more memory than one batch.
/// </summary>
public sealed class PdfSaleExporter : ISaleExporter
{
    public const double MinIdPhotoWidthCm = 8.2;

    public ExportFormat Format => ExportFormat.Pdf;
    public string ContentType => "application/pdf";
    public string Extension => "pdf";
    public bool IncludesPhotos => true;

    public ISaleExportWriter Open(Stream output, ExportContext context) => new Writer(output, context);

    private sealed class Writer : ISaleExportWriter
    {
        private static readonly PdfLayout Layout = new();
        private static readonly PdfFont TitleFont = new(PdfFonts.Bold, 20);
        private static readonly PdfFont CoverFont = new(PdfFonts.Regular, 11);
        private static readonly PdfFont CoverLabelFont = new(PdfFonts.Bold, 11);
        private static readonly PdfFont HeadingFont = new(PdfFonts.Bold, 10.5f);
        private static readonly PdfFont TextFont = new(PdfFonts.Regular, 8.5f);
        private static readonly PdfFont LabelFont = new(PdfFonts.Bold, 8.5f);
        private static readonly PdfFont SmallFont = new(PdfFonts.Oblique, 7.5f);

        private const float PhotoGap = 12;
        private const float MaxPhotoHeight = 360;
        private const float MinOtherPhotoHeight = 150;
        private static readonly float MinIdPhotoWidth = (float)(MinIdPhotoWidthCm / 2.54 * 72);
        private static readonly float PhotoColumn = (Layout.Width - PhotoGap) / 2;

        private readonly Stream _output;
        private readonly ExportContext _context;
        private readonly PdfPagination _pagination = new(Layout);
        private PdfDocumentWriter? _document;
        private IReadOnlyDictionary<long, byte[]> _photos = new Dictionary<long, byte[]>();

        public Writer(Stream output, ExportContext context)
        {
            _output = output;
            _context = context;
            _pagination.NewPage();
            _pagination.NewPage();
        }

        public bool WantsPreview => true;

        public void Preview(IReadOnlyList<SaleRecord> sales)
        {
            foreach (var sale in sales)
            {
                _pagination.Place(Block(sale));
            }
        }

        public async Task WriteAsync(ExportBatch batch, CancellationToken ct)
        {
            var document = Start();
            _photos = batch.Photos;
            foreach (var sale in batch.Sales)
            {
                ct.ThrowIfCancellationRequested();
                document.Place(Block(sale));
                await document.FlushAsync(ct);
            }
            _photos = new Dictionary<long, byte[]>();
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            var document = Start();
            await document.CompleteAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_document is not null)
            {
                await _document.DisposeAsync();
            }
        }

        private int TotalPages => _context.SaleCount == 0 ? 1 : _pagination.Pages;

        private PdfDocumentWriter Start()
        {
            if (_document is not null)
            {
                return _document;
            }
            _document = new PdfDocumentWriter(_output, Layout, new SKDocumentPdfMetadata
            {
                Title = ExportContext.Title + " — " + _context.StoreLabel,
                Creator = "RegisFlow",
                Producer = "RegisFlow",
                Author = _context.GeneratedBy,
                Creation = _context.GeneratedAt.UtcDateTime,
                Modified = _context.GeneratedAt.UtcDateTime,
                RasterDpi = 300,
                EncodingQuality = 101,
            }, Footer);
            Cover(_document.NewPage());
            if (_context.SaleCount > 0)
            {
                _document.NewPage();
            }
            return _document;
        }

        private void Cover(PdfPage page)
        {
            var y = Layout.Top + 120;
            page.CenteredText(ExportContext.Title, TitleFont, y);
            y += TitleFont.LineHeight + 40;
            (string Label, string Value)[] lines =
            [
                ("Magasin", _context.StoreLabel),
                ("Période", _context.Period),
                ("Nombre de ventes", French.Count(_context.SaleCount, "vente", "ventes")),
                ("Nombre de pages", French.Count(TotalPages, "page", "pages")),
                ("Généré le", _context.DateTime(_context.GeneratedAt)),
                ("Généré par", _context.GeneratedBy.Length == 0 ? "—" : _context.GeneratedBy),
            ];
            foreach (var (label, value) in lines)
            {
                var text = label + " : ";
                page.Text(text, CoverLabelFont, Layout.Left + 60, y);
                page.Text(Clean(value), CoverFont, Layout.Left + 60 + CoverLabelFont.Width(text), y);
                y += CoverFont.LineHeight + 6;
            }
            if (_context.SaleCount == 0)
            {
                page.Text("Aucune vente ne correspond aux filtres choisis.", CoverFont, Layout.Left + 60, y + 20);
            }
        }

        private void Footer(PdfPage page)
        {
            var top = Layout.PageHeight - Layout.Margin - SmallFont.LineHeight;
            page.Text($"{ExportContext.Title} — {Clean(_context.StoreLabel)}", SmallFont, Layout.Left, top, grey: true);
            page.CenteredText($"Page {page.Number} / {TotalPages}", SmallFont, top);
        }

        /// <summary>A sale as one block: heading, fields, articles, photos.</summary>
        private PdfBlock Block(SaleRecord sale)
        {
            var heading = $"Vente n° {Text(RegisterFields.SaleNumber, sale)} — {Text(RegisterFields.SoldAt, sale)} — {Text(RegisterFields.Store, sale)}";
            var items = new List<PdfItem> { Heading(heading) };
            items.AddRange(Fields(sale));
            items.AddRange(Lines(sale.Lines));
            items.AddRange(PhotoRows(sale, Layout.ContentHeight - items.Sum(i => i.Height) - SpaceAfter));
            return new PdfBlock(items, Heading(heading + " (suite)"), SpaceAfter);
        }

        private const float SpaceAfter = 14;

        private static PdfItem Heading(string text)
        {
            var height = HeadingFont.LineHeight + 6;
            return new PdfItem(height + 4, (page, top) =>
            {
                page.Shade(Layout.Left, top, Layout.Width, height);
                page.Text(text, HeadingFont, Layout.Left + 4, top + 3);
            });
        }

        /// <summary>Shown in each sale's heading rather than among its fields.</summary>
        private static readonly RegisterField<SaleRecord>[] HeadingFields = [RegisterFields.SaleNumber, RegisterFields.SoldAt, RegisterFields.Store];

        private IEnumerable<PdfItem> Fields(SaleRecord sale)
        {
            var fields = RegisterFields.Sale.Except(HeadingFields)
                .Select(f => (f.Label, Value: Text(f, sale) is { Length: > 0 } text ? text : "—"))
                .ToList();
            var column = Layout.Width / 2;
            var lineHeight = TextFont.LineHeight;
            for (var i = 0; i < fields.Count; i += 2)
            {
                var left = FieldLines(fields[i], column - 8);
                var right = i + 1 < fields.Count ? FieldLines(fields[i + 1], column - 8) : [];
                var rows = Math.Max(left.Count, right.Count);
                var last = i + 2 >= fields.Count;
                yield return new PdfItem(rows * lineHeight + (last ? 4 : 0), (page, top) =>
                {
                    DrawField(page, left, Layout.Left, top);
                    DrawField(page, right, Layout.Left + column, top);
                });
            }
        }

        /// <summary>"Label : value" wrapped: the first line starts after the bold label.</summary>
        private static List<(string Label, string Text)> FieldLines((string Label, string Value) field, float width)
        {
            var label = field.Label + " : ";
            var first = TextFont.Wrap(field.Value, width - LabelFont.Width(label));
            var lines = new List<(string, string)> { (label, first[0]) };
            if (first.Count > 1)
            {
                lines.AddRange(TextFont.Wrap(string.Join(' ', first.Skip(1)), width).Select(l => ("", l)));
            }
            return lines;
        }

        private static void DrawField(PdfPage page, List<(string Label, string Text)> lines, float x, float top)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var y = top + i * TextFont.LineHeight;
                page.Text(lines[i].Label, LabelFont, x, y);
                page.Text(lines[i].Text, TextFont, x + (lines[i].Label.Length > 0 ? LabelFont.Width(lines[i].Label) : 0), y);
            }
        }

        private static readonly (string Header, float Share)[] Columns = ColumnShares();

        /// <summary>The articles table's columns: one per line field, sized for what each usually holds.</summary>
        private static (string Header, float Share)[] ColumnShares()
        {
            float Weight(RegisterField<SaleLineRecord> field) =>
                field == RegisterFields.ArticleType ? 3
                : field == RegisterFields.Reference ? 2.2f
                : field == RegisterFields.ReferenceKind ? 1.8f
                : field == RegisterFields.LinePosition ? 0.7f
                : 1.3f;
            var total = RegisterFields.Line.Sum(Weight);
            return [.. RegisterFields.Line.Select(f => (f.Label, Weight(f) / total))];
        }

        private IEnumerable<PdfItem> Lines(IReadOnlyList<SaleLineRecord> lines)
        {
            yield return Row([.. Columns.Select(c => c.Header)], LabelFont, header: true);
            foreach (var line in lines)
            {
                yield return Row([.. RegisterFields.Line.Select(f => Text(f, line))], TextFont, header: false);
            }
            yield return new PdfItem(6, (_, _) => { });
        }

        /// <summary>A table row whose cells wrap within their column (a long article type, a long shop reference).</summary>
        private static PdfItem Row(string[] cells, PdfFont font, bool header)
        {
            var wrapped = cells.Select((text, i) => font.Wrap(text, Layout.Width * Columns[i].Share - 6)).ToArray();
            var height = wrapped.Max(w => w.Count) * font.LineHeight + 4;
            return new PdfItem(height, (page, top) =>
            {
                var x = Layout.Left;
                for (var i = 0; i < wrapped.Length; i++)
                {
                    var width = Layout.Width * Columns[i].Share;
                    if (header)
                    {
                        page.Shade(x, top, width, height);
                    }
                    page.Frame(x, top, width, height);
                    for (var l = 0; l < wrapped[i].Count; l++)
                    {
                        page.Text(wrapped[i][l], font, x + 3, top + 2 + l * font.LineHeight);
                    }
                    x += width;
                }
            });
        }

        /// <summary>
        /// Photos two by two (the identity document's sides together, then the receipt), each in its printed size. Identity photos keep
        /// their size; a row without them (the receipt) takes at most what is left of a page, so that the sale stays on one page.
        /// </summary>
        private IEnumerable<PdfItem> PhotoRows(SaleRecord sale, float available)
        {
            var rows = sale.Photos.Chunk(2).ToList();
            var caption = SmallFont.LineHeight + 8;
            var withId = rows.Where(HasIdPhoto).Sum(row => row.Max(p => PrintedSize(p, MaxPhotoHeight).Height) + caption);
            var others = rows.Count(row => !HasIdPhoto(row));
            var otherHeight = others == 0 ? MaxPhotoHeight : Math.Clamp((available - withId) / others - caption, MinOtherPhotoHeight, MaxPhotoHeight);
            foreach (var pair in rows)
            {
                var sizes = pair.Select(p => PrintedSize(p, HasIdPhoto(pair) ? MaxPhotoHeight : otherHeight)).ToArray();
                var height = sizes.Max(s => s.Height) + caption;
                yield return new PdfItem(height, (page, top) =>
                {
                    var x = Layout.Left;
                    for (var i = 0; i < pair.Length; i++)
                    {
                        var box = SKRect.Create(x, top, sizes[i].Width, sizes[i].Height);
                        if (_photos.TryGetValue(pair[i].Id, out var bytes))
                        {
                            page.Image(bytes, box);
                        }
                        else
                        {
                            page.Frame(box.Left, box.Top, box.Width, box.Height);
                        }
                        page.Text(pair[i].Kind.Label(), SmallFont, x, top + sizes[i].Height + 2);
                        x += Math.Max(sizes[i].Width, PhotoColumn) + PhotoGap;
                    }
                });
            }
        }

        private static bool HasIdPhoto(SalePhotoInfo[] row) => row.Any(p => p.Kind is PhotoKind.IdFront or PhotoKind.IdBack);

        /// <summary>
        /// Half the page's width, as tall as the photo's proportions want up to <paramref name="maxHeight"/>; an identity photo never
        /// narrower than <see cref="MinIdPhotoWidthCm"/> cm (a tall one then takes more height, up to about half a page).
        /// </summary>
        private static (float Width, float Height) PrintedSize(SalePhotoInfo photo, float maxHeight)
        {
            var aspect = photo.Width > 0 && photo.Height > 0 ? (float)photo.Height / photo.Width : 0.75f;
            var width = PhotoColumn;
            if (width * aspect > maxHeight)
            {
                width = maxHeight / aspect;
            }
            if (photo.Kind is PhotoKind.IdFront or PhotoKind.IdBack && width < MinIdPhotoWidth)
            {
                width = MinIdPhotoWidth;
            }
            return (width, width * aspect);
        }

        private string Text<TSource>(RegisterField<TSource> field, TSource source) => Clean(field.Text(source, _context.Zone));

        private static string Clean(string text) =>
            string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
    }
}
