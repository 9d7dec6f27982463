using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Exports;

/// <summary>
/// Excel workbook: sheet "Ventes" (one row per product line, typed dates and numbers, bold frozen header, autofilter) — one such sheet
/// per store, named after it, when several stores are exported — and sheet "Photos" (each sale's number with its photos, downscaled to
/// about <see cref="XlsxPictures.LongEdgePixels"/> px so a season stays a file Excel opens). Rows are streamed with
/// <see cref="OpenXmlWriter"/> into a temporary file, which is then copied to the output.
/// </summary>
public sealed class XlsxSaleExporter : ISaleExporter
{
    public const string SalesSheet = "Ventes";
    public const string PhotosSheet = "Photos";

    public ExportFormat Format => ExportFormat.Xlsx;
    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public string Extension => "xlsx";
    public bool IncludesPhotos => true;

    public ISaleExportWriter Open(Stream output, ExportContext context) => new Writer(output, context);

    private sealed class Writer : ISaleExportWriter
    {
        private const uint HeaderStyle = 1, DateTimeStyle = 2, DateStyle = 3;
        private static readonly int ColumnCount = RegisterTable.Headers.Count;

        private readonly Stream _output;
        private readonly ExportContext _context;
        private readonly FileStream _file;
        private readonly ZipArchive _zip;
        private readonly Dictionary<int, StoreSheet> _sheets = [];
        private readonly TempXml _photos = new();
        private readonly TempXml _drawing = new();
        private readonly TempXml _drawingRelationships = new();
        private uint _photosRow = 1;
        private uint _pictureId;

        public Writer(Stream output, ExportContext context)
        {
            _output = output;
            _context = context;
            // The package is written as a plain zip, entry after entry (System.IO.Packaging would keep every part in memory
            // until it is saved): photos go straight into their entries, the sheets' XML into temporary files copied in at the end.
            _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: true);

            _photos.Writer.WriteStartElement(new Worksheet(), [], [new("r", XlsxPackage.RelationshipsNamespace)]);
            _photos.Writer.WriteElement(new Columns(
                new Column { Min = 1, Max = 2, Width = 18, CustomWidth = true },
                new Column { Min = 3, Max = 5, Width = 32, CustomWidth = true }));
            _photos.Writer.WriteStartElement(new SheetData());
            WriteRow(_photos.Writer, _photosRow++, new[] { RegisterFields.SaleNumber.Label, RegisterFields.SoldAt.Label }.Concat(PhotoColumns).Select(h => Text(h, HeaderStyle)));

            _drawing.Writer.WriteStartElement(new DocumentFormat.OpenXml.Drawing.Spreadsheet.WorksheetDrawing(), [],
            [
                new("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"),
                new("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
                new("r", XlsxPackage.RelationshipsNamespace),
            ]);
            _drawingRelationships.Raw.WriteStartElement("Relationships", XlsxPackage.PackageRelationshipsNamespace);
        }

        private static readonly string[] PhotoColumns = [.. Enum.GetValues<PhotoKind>().Select(k => k.Label())];

        public Task WriteAsync(ExportBatch batch, CancellationToken ct)
        {
            var pictures = XlsxPictures.Downscale(batch.Photos, ct);
            foreach (var sale in batch.Sales)
            {
                ct.ThrowIfCancellationRequested();
                WriteSale(sale);
                WritePhotos(sale, pictures);
            }
            return Task.CompletedTask;
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_sheets.Count == 0)
            {
                SheetFor(0, "");
            }
            var sheets = _sheets.Values.OrderBy(s => s.StoreName, StringComparer.Create(ExportContext.French, CompareOptions.IgnoreCase)).ToList();
            var names = sheets.Count == 1 ? [SalesSheet] : XlsxSheetNames.Unique(sheets.Select(s => s.StoreName));
            var lastColumn = ColumnName(ColumnCount);
            var described = new List<(string Name, string FilterRange)>();
            for (var i = 0; i < sheets.Count; i++)
            {
                var sheet = sheets[i];
                sheet.Xml.Writer.WriteEndElement(); // sheetData
                sheet.Xml.Writer.WriteElement(new AutoFilter { Reference = $"A1:{lastColumn}{sheet.Row - 1}" });
                sheet.Xml.Writer.WriteEndElement(); // worksheet
                sheet.Xml.CopyTo(_zip, $"xl/worksheets/sheet{i + 1}.xml");
                described.Add((names[i], $"'{names[i].Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${lastColumn}${sheet.Row - 1}"));
            }

            var photosSheet = $"xl/worksheets/sheet{sheets.Count + 1}.xml";
            _photos.Writer.WriteEndElement(); // sheetData
            _photos.Writer.WriteElement(new Drawing { Id = "rId1" });
            _photos.Writer.WriteEndElement();
            _photos.CopyTo(_zip, photosSheet);
            XlsxPackage.WriteRelationships(_zip, $"xl/worksheets/_rels/sheet{sheets.Count + 1}.xml.rels", ("rId1", "drawing", "../drawings/drawing1.xml"));

            _drawing.Writer.WriteEndElement();
            _drawing.CopyTo(_zip, "xl/drawings/drawing1.xml");
            _drawingRelationships.Raw.WriteEndElement();
            _drawingRelationships.CopyTo(_zip, "xl/drawings/_rels/drawing1.xml.rels");

            XlsxPackage.WriteWorkbook(_zip, described, PhotosSheet);
            _zip.Dispose();
            _file.Position = 0;
            await _file.CopyToAsync(_output, ct);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var sheet in _sheets.Values)
            {
                sheet.Xml.Dispose();
            }
            _photos.Dispose();
            _drawing.Dispose();
            _drawingRelationships.Dispose();
            _zip.Dispose();
            await _file.DisposeAsync();
        }

        /// <summary>One store's sheet of sales, written as the sales come (they come in time order, stores mixed).</summary>
        private sealed record StoreSheet(string StoreName, TempXml Xml)
        {
            public uint Row { get; set; } = 1;
        }

        private StoreSheet SheetFor(int storeId, string storeName)
        {
            if (_sheets.TryGetValue(storeId, out var existing))
            {
                return existing;
            }
            var sheet = new StoreSheet(storeName, new TempXml());
            var writer = sheet.Xml.Writer;
            writer.WriteStartElement(new Worksheet(), [], [new("r", XlsxPackage.RelationshipsNamespace)]);
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft })
            { WorkbookViewId = 0 }));
            writer.WriteElement(new Columns(new Column { Min = 1, Max = (uint)ColumnCount, Width = 20, CustomWidth = true }));
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, sheet.Row++, RegisterTable.Headers.Select(h => Text(h, HeaderStyle)));
            _sheets[storeId] = sheet;
            return sheet;
        }

        private void WriteSale(SaleRecord sale)
        {
            var sheet = SheetFor(sale.StoreId, sale.StoreName);
            foreach (var row in RegisterTable.Rows(sale))
            {
                WriteRow(sheet.Xml.Writer, sheet.Row++, row.Select(Cell));
            }
        }

        /// <summary>A typed cell: numbers and dates stay numbers and dates for sorting and filtering; the rest is French text.</summary>
        private Cell Cell(RegisterValue? value) => value switch
        {
            null => Text(""),
            { Kind: RegisterValueKind.Number } number => Number(number.Number),
            { Kind: RegisterValueKind.Date } date => DateCell(date.Date),
            { Kind: RegisterValueKind.Instant } instant => DateTimeCell(instant.Instant),
            { } other => Text(other.Display(_context.Zone)),
        };

        private void WritePhotos(SaleRecord sale, IReadOnlyDictionary<long, XlsxPicture> data)
        {
            var photos = sale.Photos.Where(p => data.ContainsKey(p.Id)).ToList();
            if (photos.Count == 0)
            {
                return;
            }
            var rowIndex = _photosRow++;
            _photos.Writer.WriteElement(new Row(Cell(RegisterFields.SaleNumber.Read(sale)), Cell(RegisterFields.SoldAt.Read(sale)))
            {
                RowIndex = rowIndex, Height = XlsxPictures.RowHeightPoints, CustomHeight = true,
            });
            foreach (var photo in photos)
            {
                var column = 2 + (int)photo.Kind;
                var id = ++_pictureId;
                var relationshipId = $"rId{id}";
                var picture = data[photo.Id];
                var media = $"image{id}.{(picture.ContentType == "image/png" ? "png" : "jpeg")}";
                var entry = _zip.CreateEntry("xl/media/" + media, CompressionLevel.NoCompression);
                using (var image = entry.Open())
                {
                    image.Write(picture.Data);
                }
                XlsxPackage.WriteRelationship(_drawingRelationships.Raw, relationshipId, "image", "../media/" + media);
                _drawing.Writer.WriteElement(XlsxPictures.Anchor(relationshipId, id, photo, column, (int)rowIndex - 1));
            }
        }

        private static void WriteRow(OpenXmlWriter writer, uint index, IEnumerable<Cell> cells) =>
            writer.WriteElement(new Row(cells) { RowIndex = index });

        private static Cell Text(string value, uint style = 0) => new()
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(XmlSafe(value)) { Space = SpaceProcessingModeValues.Preserve }),
            StyleIndex = style == 0 ? null : style,
        };

        private static Cell Number(double value) => new() { DataType = CellValues.Number, CellValue = new CellValue(value) };

        private Cell DateTimeCell(DateTimeOffset instant) => new()
        {
            DataType = CellValues.Number, CellValue = new CellValue(_context.Local(instant).ToOADate()), StyleIndex = DateTimeStyle,
        };

        private static Cell DateCell(DateOnly date) => new()
        {
            DataType = CellValues.Number, CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()), StyleIndex = DateStyle,
        };

        private static string XmlSafe(string value) =>
            value.All(XmlConvert.IsXmlChar) ? value : new string(value.Where(XmlConvert.IsXmlChar).ToArray());

        private static string ColumnName(int number)
        {
            var name = "";
            while (number > 0)
            {
                var rest = (number - 1) % 26;
                name = (char)('A' + rest) + name;
                number = (number - 1) / 26;
            }
            return name;
        }
    }
}

/// <summary>A part's XML, written to a temporary file while the export runs and copied into the zip at the end.</summary>
internal sealed class TempXml : IDisposable
{
    private readonly string _path = Path.GetTempFileName();
    private readonly FileStream _stream;
    private OpenXmlWriter? _writer;
    private XmlWriter? _raw;

    public TempXml() => _stream = new FileStream(_path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite, 81920);

    /// <summary>For OpenXml elements.</summary>
    public OpenXmlWriter Writer => _writer ??= OpenXmlWriter.Create(_stream);

    /// <summary>For plain XML (relationships).</summary>
    public XmlWriter Raw => _raw ??= XmlWriter.Create(_stream, new XmlWriterSettings { CloseOutput = false });

    public void CopyTo(ZipArchive zip, string name)
    {
        _writer?.Close();
        _raw?.Flush();
        _stream.Flush();
        using var xml = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920);
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        xml.CopyTo(entry);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _raw?.Dispose();
        _stream.Dispose();
        File.Delete(_path);
    }
}

internal static class XlsxStyles
{
    /// <summary>Style 1: bold header; 2: date and time; 3: date.</summary>
    public static Stylesheet Create() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy hh:mm" }) { Count = 1 },
        new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true })
        { Count = 4 });
}
