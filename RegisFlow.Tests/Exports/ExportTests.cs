using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Sales;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace RegisFlow.Tests.Exports;

public class ExportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private HistoryWorld _world = null!;
    private List<Sale> _sales = null!;
    private Sale _otherStoreSale = null!;

    private ExportService Exports => fixture.Services.GetRequiredService<ExportService>();

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await using var db = await fixture.CreateDbContextAsync();
        _world = await HistoryWorld.CreateAsync(db);
        var first = TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 23, 30), lastName: "Dupônt", firstName: "Élodie",
            birthPlace: "Besançon", lineCount: 2, photos: true, createdBy: _world.Employee.UserId);
        (first.Lines[0].Reference, first.Lines[0].ReferenceKind) = ("96385074", ReferenceKind.Ean8);
        (first.Lines[1].Reference, first.Lines[1].ReferenceKind) = ("PET-ROUGE-12", ReferenceKind.Shop);
        var withoutPhotos = TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 12, 14, 0), lastName: "=HYPERLINK(\"http://x\")", firstName: "+Zoé",
            seller: "@Vendeur", category: FireworkCategory.F3, lineCount: 1, photos: false);
        withoutPhotos.MissingPhotosReason = "Appareil photo en panne";
        _sales = await TestSales.InsertAsync(db,
            TestSales.Searchable(first),
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 11, 9, 5), lastName: "O'Brien; \"Junior\"", firstName: "Anne\nMarie",
                address: "12 rue \"des Lilas\"; bât. B\nÉtage 3", lineCount: 3, photos: true, payment: PaymentMethod.Cheque),
            withoutPhotos);
        _otherStoreSale = (await TestSales.InsertAsync(db,
            TestSales.Build(_world.OtherStore, TestSales.AtParis(2026, 11, 11, 10, 0), lastName: "Arlésienne", photos: true)))[0];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_csv_reads_back_as_the_register_one_row_per_line_with_a_bom_and_formulas_neutralised()
    {
        var bytes = await ExportAsync(_world.Manager, new SaleExportQuery(), ExportFormat.Csv);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { Separator = ';' }, leaveOpen: false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }
        Assert.Equal(RegisterTable.Headers, reader.Headers);
        var column = reader.Headers!.Select((h, i) => (h, i)).ToDictionary(c => c.h, c => c.i);
        var expected = _sales.SelectMany(s => s.Lines.OrderBy(l => l.Position).Select(l => (Sale: s, Line: l))).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (sale, line) = expected[i];
            string Cell(string label) => rows[i][column[label]];
            Assert.Equal(sale.Id.ToString(CultureInfo.InvariantCulture), Cell("N° vente"));
            Assert.Equal("Magasin Principal", Cell("Magasin"));
            Assert.Equal(TimeZoneInfo.ConvertTime(sale.SoldAt, TestSales.Paris).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), Cell("Date de vente"));
            Assert.Equal(Neutralised(sale.SellerName), Cell("Vendeur"));
            Assert.Equal(Neutralised(sale.BuyerLastName), Cell("Nom"));
            Assert.Equal(Neutralised(sale.BuyerFirstNames), Cell("Prénoms"));
            Assert.Equal("17/05/1980", Cell("Date de naissance"));
            Assert.Equal(sale.BuyerBirthPlace, Cell("Lieu de naissance"));
            Assert.Equal(sale.BuyerAddress, Cell("Adresse"));
            Assert.Equal(sale.PaymentMethod.Label(), Cell("Moyen de paiement"));
            Assert.Equal(sale.IdDocumentNumber, Cell("N° de pièce"));
            Assert.Equal("Préfecture du Rhône", Cell("Autorité de délivrance"));
            // A barcode is written ="…" so that Excel keeps every digit; a shop reference with letters stays as it is.
            var reference = line.ReferenceKind == ReferenceKind.Shop ? line.Reference : $"=\"{line.Reference}\"";
            Assert.Equal((line.Position.ToString(CultureInfo.InvariantCulture), line.ArticleType.Label(), line.Category.ToString(),
                line.Quantity.ToString(CultureInfo.InvariantCulture), reference, line.ReferenceKind.Label()),
                (Cell("Ligne"), Cell("Type d'article"), Cell("Catégorie"), Cell("Quantité"), Cell("Référence"), Cell("Type de référence")));
        }
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[^1][column["Nom"]]);
        Assert.Equal("Photo impossible : Appareil photo en panne", rows[^1][column[RegisterTable.PhotosHeader]]);
        Assert.Equal("employe (test)", rows[0][column["Saisie par"]]);
        Assert.DoesNotContain(rows, r => r[column["Nom"]] == "Arlésienne");
    }

    [Fact]
    public async Task The_xlsx_has_typed_rows_on_sheet_Ventes_and_one_picture_per_photo_on_sheet_Photos()
    {
        var bytes = await ExportAsync(_world.Admin, new SaleExportQuery(StoreId: _world.MainStore), ExportFormat.Xlsx);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Ventes", "Photos"], sheets.Select(s => s.Name!.Value));
        var sales = (WorksheetPart)workbook.GetPartById(sheets[0].Id!);
        var rows = sales.Worksheet.Descendants<Row>().ToList();
        Assert.Equal(1 + _sales.Sum(s => s.Lines.Count), rows.Count);
        Assert.NotNull(sales.Worksheet.GetFirstChild<AutoFilter>());

        var column = rows[0].Elements<Cell>().Select((c, i) => (c.InnerText, i)).ToDictionary(c => c.InnerText, c => c.i);
        Assert.Equal(RegisterTable.Headers, column.Keys);
        var first = rows[1].Elements<Cell>().ToList();
        Assert.Equal(_sales[0].Id, double.Parse(first[column["N° vente"]].CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2026, 11, 10, 23, 30, 0), FromOADate(first[column["Date de vente"]]));
        Assert.Equal(new DateTime(1980, 5, 17), FromOADate(first[column["Date de naissance"]]));
        Assert.Equal("Dupônt", first[column["Nom"]].InnerText);
        Assert.Equal(_sales[1].BuyerAddress, rows[3].Elements<Cell>().ElementAt(column["Adresse"]).InnerText);
        Assert.Equal(_sales[0].Lines[1].Reference, rows[2].Elements<Cell>().ElementAt(column["Référence"]).InnerText);

        var photos = (WorksheetPart)workbook.GetPartById(sheets[1].Id!);
        var pictures = photos.DrawingsPart!.WorksheetDrawing.Descendants<Xdr.Picture>().Count();
        Assert.Equal(_sales.Sum(s => s.Photos.Count), pictures);
        Assert.Equal(pictures, photos.DrawingsPart.ImageParts.Count());
        var firstPhoto = photos.DrawingsPart.ImageParts.First();
        using var photoBytes = new MemoryStream();
        await firstPhoto.GetStream().CopyToAsync(photoBytes);
        Assert.Contains(_sales.SelectMany(s => s.Photos), p => p.Data.SequenceEqual(photoBytes.ToArray()));
    }

    [Fact]
    public async Task The_pdf_holds_every_sale_number_name_and_ean_with_accents_and_all_its_photos()
    {
        var bytes = await ExportAsync(_world.Manager, new SaleExportQuery(), ExportFormat.Pdf);

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var pages = pdf.GetPages().ToList();
        var text = string.Join("\n", pages.Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Registre des ventes d'artifices", text, StringComparison.Ordinal);
        Assert.Contains($"Page 1 / {pages.Count}", text, StringComparison.Ordinal);
        foreach (var sale in _sales)
        {
            Assert.Contains($"n° {sale.Id} ", text, StringComparison.Ordinal);
            Assert.Contains(sale.BuyerLastName.Split(' ')[0], text, StringComparison.Ordinal);
            Assert.All(sale.Lines, l => Assert.Contains(l.Reference, text, StringComparison.Ordinal));
        }
        Assert.Contains("Dupônt", text, StringComparison.Ordinal);
        Assert.Contains("Élodie", text, StringComparison.Ordinal);
        Assert.Contains("Besançon", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Arlésienne", text, StringComparison.Ordinal);
        Assert.Equal(_sales.Sum(s => s.Photos.Count), pages.Sum(p => p.GetImages().Count()));
    }

    [Fact]
    public async Task Every_field_of_the_register_list_appears_in_each_export()
    {
        var record = (await fixture.Services.GetRequiredService<SaleHistoryService>().GetAsync(_world.Manager, _sales[0].Id))!;
        var zone = TestSales.Paris;
        Assert.Equal([ReferenceKind.Ean8, ReferenceKind.Shop], record.Lines.Select(l => l.ReferenceKind));

        var (headers, csvRows) = ReadCsv(await ExportAsync(_world.Manager, new SaleExportQuery(), ExportFormat.Csv));
        foreach (var field in RegisterFields.Sale)
        {
            Assert.Equal(CsvSaleExporter.Cell(field.Text(record, zone), field.IsCode), csvRows[0][Array.IndexOf(headers, field.Label)]);
        }
        foreach (var field in RegisterFields.Line)
        {
            Assert.Equal(record.Lines.Select(l => CsvSaleExporter.Cell(field.Text(l, zone), field.IsCode)), csvRows.Take(2).Select(r => r[Array.IndexOf(headers, field.Label)]));
        }

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await ExportAsync(_world.Manager, new SaleExportQuery(), ExportFormat.Xlsx)), false);
        var sheet = (WorksheetPart)workbook.WorkbookPart!.GetPartById(workbook.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var xlsxRows = sheet.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        var xlsxHeaders = xlsxRows[0].Select(c => c.InnerText).ToList();
        foreach (var field in RegisterFields.Sale)
        {
            AssertCell(field.Read(record), xlsxRows[1][xlsxHeaders.IndexOf(field.Label)], zone);
        }
        foreach (var field in RegisterFields.Line)
        {
            AssertCell(field.Read(record.Lines[0]), xlsxRows[1][xlsxHeaders.IndexOf(field.Label)], zone);
            AssertCell(field.Read(record.Lines[1]), xlsxRows[2][xlsxHeaders.IndexOf(field.Label)], zone);
        }

        var pdf = PdfText(await ExportAsync(_world.Manager, new SaleExportQuery(To: new DateOnly(2026, 11, 10)), ExportFormat.Pdf));
        foreach (var field in RegisterFields.Sale)
        {
            Assert.Contains(field.Text(record, zone), pdf, StringComparison.Ordinal);
        }
        foreach (var field in RegisterFields.Sale.Except([RegisterFields.SaleNumber, RegisterFields.SoldAt, RegisterFields.Store]))
        {
            Assert.Contains($"{field.Label} : {field.Text(record, zone)}", pdf, StringComparison.Ordinal);
        }
        foreach (var field in RegisterFields.Line)
        {
            Assert.Contains(field.Label, pdf, StringComparison.Ordinal);
            Assert.All(record.Lines, line => Assert.Contains(field.Text(line, zone), pdf, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task All_the_first_names_typed_in_the_sale_form_come_out_under_Prenoms_in_each_export()
    {
        var input = SaleSamples.ValidInput();
        input.BuyerLastName = "Ferrand";
        input.BuyerFirstNames = "Marie-Thérèse Odile Jeanne";
        await fixture.Services.GetRequiredService<SaleService>().CreateAsync(_world.Employee, null, input, SaleSamples.Photos());
        var query = new SaleExportQuery(Search: "ferrand");

        var (headers, rows) = ReadCsv(await ExportAsync(_world.Manager, query, ExportFormat.Csv));
        Assert.Equal(["Marie-Thérèse Odile Jeanne", "Marie-Thérèse Odile Jeanne"], rows.Select(r => r[Array.IndexOf(headers, "Prénoms")]));

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await ExportAsync(_world.Manager, query, ExportFormat.Xlsx)), false);
        var sheet = (WorksheetPart)workbook.WorkbookPart!.GetPartById(workbook.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var xlsxRows = sheet.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal("Marie-Thérèse Odile Jeanne", xlsxRows[1][xlsxRows[0].IndexOf("Prénoms")]);

        Assert.Contains("Prénoms : Marie-Thérèse Odile Jeanne", PdfText(await ExportAsync(_world.Manager, query, ExportFormat.Pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_employee_cannot_export()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Exports.PlanAsync(_world.Employee, new SaleExportQuery(), ExportFormat.Csv));
    }

    [Fact]
    public async Task A_managers_export_never_holds_another_stores_sale_and_asking_for_it_is_refused()
    {
        var csv = System.Text.Encoding.UTF8.GetString(await ExportAsync(_world.OtherManager, new SaleExportQuery(), ExportFormat.Csv));

        Assert.Contains("Arlésienne", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Dupônt", csv, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Exports.PlanAsync(_world.Manager, new SaleExportQuery(StoreId: _world.OtherStore), ExportFormat.Csv));
    }

    [Fact]
    public async Task An_export_holds_exactly_what_the_filters_select_and_is_audited_without_the_search_words()
    {
        var query = new SaleExportQuery(From: new DateOnly(2026, 11, 10), To: new DateOnly(2026, 11, 11), Search: "dupont");
        var plan = await Exports.PlanAsync(_world.Manager, query, ExportFormat.Csv);
        var csv = System.Text.Encoding.UTF8.GetString(await WriteAsync(plan));

        Assert.Equal("registre-artifices-magasin-principal-2026-11-10-2026-11-11.csv", plan.FileName);
        Assert.Equal(1, plan.SaleCount);
        Assert.Contains("Dupônt", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("O'Brien", csv, StringComparison.Ordinal);
        await using var db = await fixture.CreateDbContextAsync();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "export");
        Assert.Equal((_world.Manager.UserId, _world.MainStore), (audit.UserId!.Value, audit.StoreId!.Value));
        using var details = System.Text.Json.JsonDocument.Parse(audit.Details!);
        var root = details.RootElement;
        Assert.Equal(("csv", 1, "2026-11-10", "2026-11-11", true),
            (root.GetProperty("format").GetString(), root.GetProperty("sales").GetInt32(), root.GetProperty("from").GetString(),
             root.GetProperty("to").GetString(), root.GetProperty("search").GetBoolean()));
        Assert.DoesNotContain("dupont", audit.Details, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Magasin d'Arlès", "2026-11-01", "2026-11-30", "pdf", "registre-artifices-magasin-d-arles-2026-11-01-2026-11-30.pdf")]
    [InlineData(null, null, null, "xlsx", "registre-artifices-tous-magasins-debut-fin.xlsx")]
    public void The_file_name_tells_the_store_and_the_period(string? store, string? from, string? to, string extension, string expected)
    {
        var name = ExportService.FileName(store, from is null ? null : DateOnly.Parse(from, CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, CultureInfo.InvariantCulture), extension);
        Assert.Equal(expected, name);
    }

    private static (string[] Headers, List<string[]> Rows) ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { Separator = ';' }, leaveOpen: false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }
        return (reader.Headers!.ToArray(), rows);
    }

    private static string PdfText(byte[] bytes)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>A spreadsheet cell holds the value typed: numbers and dates as numbers, the rest as the French text.</summary>
    private static void AssertCell(RegisterValue value, Cell cell, TimeZoneInfo zone)
    {
        switch (value.Kind)
        {
            case RegisterValueKind.Number:
                Assert.Equal(value.Number, double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture));
                break;
            case RegisterValueKind.Date:
                Assert.Equal(value.Date.ToDateTime(TimeOnly.MinValue), FromOADate(cell));
                break;
            case RegisterValueKind.Instant:
                Assert.Equal(TimeZoneInfo.ConvertTime(value.Instant, zone).DateTime, FromOADate(cell));
                break;
            default:
                Assert.Equal(value.Display(zone), cell.InnerText);
                break;
        }
    }

    private static DateTime FromOADate(Cell cell) => DateTime.FromOADate(double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture));

    private static string Neutralised(string value) => value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;

    private async Task<byte[]> ExportAsync(Caller caller, SaleExportQuery query, ExportFormat format) =>
        await WriteAsync(await Exports.PlanAsync(caller, query, format));

    private async Task<byte[]> WriteAsync(ExportPlan plan)
    {
        using var output = new MemoryStream();
        var done = new List<int>();
        var count = await Exports.WriteAsync(plan, output, new SynchronousProgress(done.Add));
        Assert.Equal(plan.SaleCount, count);
        Assert.Equal(count == 0 ? [] : [count], done);
        return output.ToArray();
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
