using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Exports;

/// <summary>
/// Excel workbook: sheet "Ventes" (one row per product line, typed dates and numbers, bold frozen header, autofilter) and sheet "Photos"
/// (each sale's number with its photos embedded as pictures). Rows are streamed with <see cref="OpenXmlWriter"/> into a temporary file,
/// which is then copied to the output.
/// </summary>
public sealed class XlsxSaleExporter : ISaleExporter
{
    public const string SalesSheet = "Ventes";
    public const string PhotosSheet = "Photos";

    public ExportFormat Format => ExportFormat.Xlsx;
    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public string Extension => "xlsx";
    public bool IncludesPhotos => true;
    public int? MaxSales => null;

    public ISaleExportWriter Open(Stream output, ExportContext context) => new Writer(output, context);

    private sealed class Writer : ISaleExportWriter
    {
        private const uint HeaderStyle = 1, DateTimeStyle = 2, DateStyle = 3;
        private static readonly int ColumnCount = CsvSaleExporter.Headers.Length;

        private readonly Stream _output;
        private readonly ExportContext _context;
        private readonly FileStream _file;
        private readonly SpreadsheetDocument _document;
        private readonly WorksheetPart _salesPart;
        private readonly WorksheetPart _photosPart;
        private readonly DrawingsPart _drawingsPart;
        private readonly OpenXmlWriter _sales;
        private readonly OpenXmlWriter _photos;
        private readonly OpenXmlWriter _drawing;
        private uint _salesRow = 1;
        private uint _photosRow = 1;
        private uint _pictureId;
        private bool _closed;

        public Writer(Stream output, ExportContext context)
        {
            _output = output;
            _context = context;
            _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            _document = SpreadsheetDocument.Create(_file, SpreadsheetDocumentType.Workbook);
            var workbook = _document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();
            _salesPart = workbook.AddNewPart<WorksheetPart>();
            _photosPart = workbook.AddNewPart<WorksheetPart>();
            _drawingsPart = _photosPart.AddNewPart<DrawingsPart>();

            _sales = OpenXmlWriter.Create(_salesPart);
            _sales.WriteStartElement(new Worksheet());
            _sales.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft })
            { TabSelected = true, WorkbookViewId = 0 }));
            _sales.WriteElement(new Columns(new Column { Min = 1, Max = (uint)ColumnCount, Width = 20, CustomWidth = true }));
            _sales.WriteStartElement(new SheetData());
            WriteRow(_sales, _salesRow++, CsvSaleExporter.Headers.Select(h => Text(h, HeaderStyle)));

            _photos = OpenXmlWriter.Create(_photosPart);
            _photos.WriteStartElement(new Worksheet());
            _photos.WriteElement(new Columns(
                new Column { Min = 1, Max = 2, Width = 18, CustomWidth = true },
                new Column { Min = 3, Max = 5, Width = 32, CustomWidth = true }));
            _photos.WriteStartElement(new SheetData());
            WriteRow(_photos, _photosRow++, new[] { "N° vente", "Date de vente" }.Concat(PhotoColumns).Select(h => Text(h, HeaderStyle)));

            _drawing = OpenXmlWriter.Create(_drawingsPart);
            _drawing.WriteStartElement(new DocumentFormat.OpenXml.Drawing.Spreadsheet.WorksheetDrawing(), [],
            [
                new("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"),
                new("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
                new("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
            ]);
        }

        private static readonly string[] PhotoColumns = [.. Enum.GetValues<PhotoKind>().Select(k => k.Label())];

        public Task WriteAsync(ExportBatch batch, CancellationToken ct)
        {
            foreach (var sale in batch.Sales)
            {
                ct.ThrowIfCancellationRequested();
                WriteSale(sale);
                WritePhotos(sale, batch.Photos);
            }
            return Task.CompletedTask;
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            var lastColumn = ColumnName(ColumnCount);
            _sales.WriteEndElement(); // sheetData
            _sales.WriteElement(new AutoFilter { Reference = $"A1:{lastColumn}{_salesRow - 1}" });
            _sales.WriteEndElement(); // worksheet
            _sales.Close();

            _photos.WriteEndElement(); // sheetData
            _photos.WriteElement(new Drawing { Id = _photosPart.GetIdOfPart(_drawingsPart) });
            _photos.WriteEndElement();
            _photos.Close();

            _drawing.WriteEndElement();
            _drawing.Close();
            _closed = true;

            var workbookPart = _document.WorkbookPart!;
            workbookPart.Workbook = new Workbook(
                new Sheets(
                    new Sheet { Name = SalesSheet, SheetId = 1, Id = workbookPart.GetIdOfPart(_salesPart) },
                    new Sheet { Name = PhotosSheet, SheetId = 2, Id = workbookPart.GetIdOfPart(_photosPart) }),
                new DefinedNames(new DefinedName($"'{SalesSheet}'!$A$1:${lastColumn}${_salesRow - 1}")
                {
                    Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true,
                }));
            _document.PackageProperties.Title = ExportContext.Title;
            _document.Dispose();
            _file.Position = 0;
            await _file.CopyToAsync(_output, ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_closed)
            {
                _sales.Dispose();
                _photos.Dispose();
                _drawing.Dispose();
            }
            _document.Dispose();
            await _file.DisposeAsync();
        }

        private void WriteSale(SaleRecord sale)
        {
            var lines = sale.Lines.Count > 0 ? sale.Lines.Cast<SaleLineRecord?>() : [null];
            var photos = string.Join(", ", sale.Photos.Select(p => p.Kind.Label()));
            foreach (var line in lines)
            {
                WriteRow(_sales, _salesRow++,
                [
                    Number(sale.Id), Text(sale.StoreName), DateTimeCell(sale.SoldAt), Text(sale.SellerName),
                    Text(sale.BuyerLastName), Text(sale.BuyerFirstName), DateCell(sale.BuyerBirthDate), Text(sale.BuyerBirthPlace),
                    Text(sale.BuyerAddress), Text(sale.PaymentMethod.Label()), Text(sale.IdDocumentType.Label()), Text(sale.IdDocumentNumber),
                    Text(sale.IdDocumentAuthority ?? ""), DateCell(sale.IdDocumentIssueDate),
                    line is null ? Text("") : Number(line.Position), Text(line?.ArticleType.Label() ?? ""),
                    Text(line?.Category.ToString() ?? ""), line is null ? Text("") : Number(line.Quantity), Text(line?.Ean13 ?? ""),
                    Text(photos), Text(sale.CreatedBy ?? ""), DateTimeCell(sale.CreatedAt),
                ]);
            }
        }

        private void WritePhotos(SaleRecord sale, IReadOnlyDictionary<long, byte[]> data)
        {
            var photos = sale.Photos.Where(p => data.ContainsKey(p.Id)).ToList();
            if (photos.Count == 0)
            {
                return;
            }
            var rowIndex = _photosRow++;
            _photos.WriteElement(new Row(Number(sale.Id), DateTimeCell(sale.SoldAt))
            {
                RowIndex = rowIndex, Height = XlsxPictures.RowHeightPoints, CustomHeight = true,
            });
            foreach (var photo in photos)
            {
                var column = 2 + (int)photo.Kind;
                _drawing.WriteElement(XlsxPictures.Anchor(_drawingsPart, ++_pictureId, photo, data[photo.Id], column, (int)rowIndex - 1));
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
