using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
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
        _sales = await TestSales.InsertAsync(db,
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 23, 30), lastName: "Dupônt", firstName: "Élodie",
                birthPlace: "Besançon", lineCount: 2, photos: true, createdBy: _world.Employee.UserId),
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 11, 9, 5), lastName: "O'Brien; \"Junior\"", firstName: "Anne\nMarie",
                address: "12 rue \"des Lilas\"; bât. B\nÉtage 3", lineCount: 3, photos: true, payment: PaymentMethod.Cheque),
            TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 12, 14, 0), lastName: "=HYPERLINK(\"http://x\")", firstName: "+Zoé",
                seller: "@Vendeur", category: FireworkCategory.F3, lineCount: 1, photos: false));
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
        Assert.Equal(CsvSaleExporter.Headers, reader.Headers);
        var expected = _sales.SelectMany(s => s.Lines.OrderBy(l => l.Position).Select(l => (Sale: s, Line: l))).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (sale, line) = expected[i];
            var row = rows[i];
            Assert.Equal(sale.Id.ToString(CultureInfo.InvariantCulture), row[0]);
            Assert.Equal("Magasin Principal", row[1]);
            Assert.Equal(TimeZoneInfo.ConvertTime(sale.SoldAt, TestSales.Paris).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), row[2]);
            Assert.Equal(Neutralised(sale.SellerName), row[3]);
            Assert.Equal(Neutralised(sale.BuyerLastName), row[4]);
            Assert.Equal(Neutralised(sale.BuyerFirstName), row[5]);
            Assert.Equal("17/05/1980", row[6]);
            Assert.Equal(sale.BuyerBirthPlace, row[7]);
            Assert.Equal(sale.BuyerAddress, row[8]);
            Assert.Equal(sale.PaymentMethod.Label(), row[9]);
            Assert.Equal(sale.IdDocumentNumber, row[11]);
            Assert.Equal((line.Position.ToString(CultureInfo.InvariantCulture), line.ArticleType.Label(), line.Category.ToString(),
                line.Quantity.ToString(CultureInfo.InvariantCulture), line.Ean13), (row[14], row[15], row[16], row[17], row[18]));
        }
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[^1][4]);
        Assert.Equal("employe (test)", rows[0][20]);
        Assert.DoesNotContain(rows, r => r[4] == "Arlésienne");
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

        var first = rows[1].Elements<Cell>().ToList();
        Assert.Equal(_sales[0].Id, double.Parse(first[0].CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2026, 11, 10, 23, 30, 0), DateTime.FromOADate(double.Parse(first[2].CellValue!.Text, CultureInfo.InvariantCulture)));
        Assert.Equal(new DateTime(1980, 5, 17), DateTime.FromOADate(double.Parse(first[6].CellValue!.Text, CultureInfo.InvariantCulture)));
        Assert.Equal("Dupônt", first[4].InnerText);
        Assert.Equal(_sales[1].BuyerAddress, rows[3].Elements<Cell>().ElementAt(8).InnerText);
        Assert.Equal(_sales[0].Lines[1].Ean13, rows[2].Elements<Cell>().ElementAt(18).InnerText);

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
            Assert.All(sale.Lines, l => Assert.Contains(l.Ean13, text, StringComparison.Ordinal));
        }
        Assert.Contains("Dupônt", text, StringComparison.Ordinal);
        Assert.Contains("Élodie", text, StringComparison.Ordinal);
        Assert.Contains("Besançon", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Arlésienne", text, StringComparison.Ordinal);
        Assert.Equal(_sales.Sum(s => s.Photos.Count), pages.Sum(p => p.GetImages().Count()));
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

    [Fact]
    public async Task A_pdf_of_more_sales_than_its_limit_is_refused_before_anything_is_written_but_csv_takes_them()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            var start = TestSales.AtParis(2026, 10, 1, 10);
            await TestSales.InsertAsync(db, Enumerable.Range(0, PdfSaleExporter.Limit).Select(i => TestSales.Build(_world.MainStore, start.AddMinutes(i))).ToArray());
        }

        var refused = await Assert.ThrowsAsync<ExportTooLargeException>(() => Exports.PlanAsync(_world.Manager, new SaleExportQuery(), ExportFormat.Pdf));
        Assert.Contains("limite de 500", refused.Message, StringComparison.Ordinal);
        Assert.Equal(PdfSaleExporter.Limit + 3, (await Exports.PlanAsync(_world.Manager, new SaleExportQuery(), ExportFormat.Csv)).SaleCount);
        Assert.Equal(PdfSaleExporter.Limit, (await Exports.PlanAsync(_world.Manager, new SaleExportQuery(To: new DateOnly(2026, 10, 31)), ExportFormat.Pdf)).SaleCount);
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
