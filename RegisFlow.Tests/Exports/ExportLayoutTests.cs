using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using SkiaSharp;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace RegisFlow.Tests.Exports;

/// <summary>The PDF an inspector prints and the workbook a manager opens, at the sizes a shop really produces.</summary>
public class ExportLayoutTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private HistoryWorld _world = null!;

    private ExportService Exports => fixture.Services.GetRequiredService<ExportService>();

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await using var db = await fixture.CreateDbContextAsync();
        _world = await HistoryWorld.CreateAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task No_sale_of_the_pdf_starts_on_one_page_and_ends_on_the_next_and_id_photos_print_at_least_8_cm_wide()
    {
        var sales = Enumerable.Range(0, 14).Select(i =>
        {
            var sale = TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 2 + i, 10), lastName: $"Acheteur{i}", lineCount: 1 + i % 6);
            // Identity photos across or upright (a card photographed either way), and a receipt always upright.
            var upright = i % 4 == 3;
            sale.Photos = [Photo(PhotoKind.IdFront, upright ? 600 : 800, upright ? 800 : 500), Photo(PhotoKind.IdBack, 800, 500), Photo(PhotoKind.Receipt, 450, 800)];
            return TestSales.Searchable(sale);
        }).ToArray();
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, sales);
        }

        var plan = await Exports.PlanAsync(_world.Manager, new SaleExportQuery(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), ExportFormat.Pdf);
        using var stream = new MemoryStream();
        await Exports.WriteAsync(plan, stream);

        using var pdf = PdfDocument.Open(stream.ToArray());
        var pages = pdf.GetPages().Select(p => (Text: string.Join(" ", p.GetWords().Select(w => w.Text)), Images: p.GetImages().ToList())).ToList();
        var cover = pages[0].Text;
        foreach (var expected in new[] { "Magasin : Magasin Principal", "Période : Du 01/11/2026 au 30/11/2026", "Nombre de ventes : 14 ventes",
                     $"Nombre de pages : {pages.Count} pages", "Généré par : gerant (test)", $"Page 1 / {pages.Count}" })
        {
            Assert.Contains(expected, cover, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(pages, p => p.Text.Contains("(suite)", StringComparison.Ordinal));
        foreach (var sale in sales)
        {
            // Its heading, every article's reference and its entry date are on one page, which holds its three photos.
            var page = Assert.Single(pages, p => p.Text.Contains($"Vente n° {sale.Id} —", StringComparison.Ordinal));
            Assert.All(sale.Lines, l => Assert.Contains(l.Reference, page.Text, StringComparison.Ordinal));
            Assert.Contains($"Acheteur{sales.ToList().IndexOf(sale)}", page.Text, StringComparison.Ordinal);
        }
        for (var i = 1; i < pages.Count; i++)
        {
            var headed = sales.Count(s => pages[i].Text.Contains($"Vente n° {s.Id} —", StringComparison.Ordinal));
            Assert.Equal(3 * headed, pages[i].Images.Count);
            // Two identity photos per sale, each at least 8 cm wide on paper (the receipt may be narrower).
            var widthsCm = pages[i].Images.Select(image => image.BoundingBox.Width / 72 * 2.54).OrderDescending().ToList();
            Assert.All(widthsCm.Take(2 * headed), w => Assert.True(w >= 8.0, $"photo de {w:0.0} cm sur la page {i + 1}"));
            output.WriteLine($"page {i + 1} : {headed} vente(s), photos de {string.Join(" / ", widthsCm.Select(w => $"{w:0.0} cm"))}");
        }
    }

    [Fact]
    public async Task A_workbook_of_100_sales_with_three_3_MB_photos_each_holds_every_photo_downscaled()
    {
        var stored = CameraPhoto();
        Assert.InRange(stored.Length, 2_800_000, 4_500_000);
        var start = TestSales.AtParis(2026, 11, 2, 9);
        for (var batch = 0; batch < 10; batch++)
        {
            await using var db = await fixture.CreateDbContextAsync();
            await TestSales.InsertAsync(db, [.. Enumerable.Range(0, 10).Select(i =>
            {
                var sale = TestSales.Build(_world.MainStore, start.AddMinutes(10 * (batch * 10 + i)));
                sale.Photos = [.. Enum.GetValues<PhotoKind>().Select(kind => new SalePhoto
                {
                    Kind = kind, ContentType = "image/jpeg", Data = stored, SizeBytes = stored.Length, Width = 4000, Height = 3000, CreatedAt = start,
                })];
                return TestSales.Searchable(sale);
            })]);
        }

        var plan = await Exports.PlanAsync(_world.Manager, new SaleExportQuery(), ExportFormat.Xlsx);
        using var file = new MemoryStream();
        await Exports.WriteAsync(plan, file);

        var photoBytes = 300L * stored.Length;
        output.WriteLine($"100 ventes, 300 photos de {stored.Length / 1e6:0.0} Mo ({photoBytes / 1e6:0} Mo) : classeur de {file.Length / 1e6:0.0} Mo");
        Assert.True(file.Length < photoBytes / 10, $"classeur de {file.Length / 1e6:0.0} Mo pour {photoBytes / 1e6:0} Mo de photos");
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(file.ToArray()), false);
        var photos = (WorksheetPart)workbook.WorkbookPart!.GetPartById(workbook.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Last().Id!);
        var images = photos.DrawingsPart!.ImageParts.ToList();
        Assert.Equal(300, images.Count);
        foreach (var image in images)
        {
            using var codec = SKCodec.Create(image.GetStream());
            Assert.NotNull(codec);
            Assert.InRange(Math.Max(codec.Info.Width, codec.Info.Height), 800, 1100);
        }
    }

    [Fact]
    public async Task An_export_of_every_store_has_a_sheet_of_sales_per_store()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db,
                TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 10), lastName: "Lefèvre"),
                TestSales.Build(_world.OtherStore, TestSales.AtParis(2026, 11, 10, 11), lastName: "Arlésienne", lineCount: 2),
                TestSales.Build(_world.MainStore, TestSales.AtParis(2026, 11, 10, 12), lastName: "Ndiaye"));
        }

        var plan = await Exports.PlanAsync(_world.Admin, new SaleExportQuery(), ExportFormat.Xlsx);
        using var file = new MemoryStream();
        await Exports.WriteAsync(plan, file);

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(file.ToArray()), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook));
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Magasin d'Arlès", "Magasin Principal", "Photos"], sheets.Select(s => s.Name!.Value));
        string[] Names(Sheet sheet) => [.. ((WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().Skip(1)
            .Select(r => r.Elements<Cell>().ElementAt(RegisterTable.Headers.ToList().IndexOf("Nom")).InnerText)];
        Assert.Equal(["Arlésienne", "Arlésienne"], Names(sheets[0]));
        Assert.Equal(["Lefèvre", "Ndiaye"], Names(sheets[1]));
    }

    private static SalePhoto Photo(PhotoKind kind, int width, int height)
    {
        var data = TestSales.Jpeg(width * 7 + height, width, height);
        return new SalePhoto { Kind = kind, ContentType = "image/jpeg", Data = data, SizeBytes = data.Length, Width = width, Height = height, CreatedAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero) };
    }

    /// <summary>A 4000×3000 JPEG of about 3 MB, as a phone camera writes it: a card-like picture with some sensor noise.</summary>
    private static byte[] CameraPhoto()
    {
        using var bitmap = new SKBitmap(4000, 3000);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(4000, 3000),
                [new SKColor(210, 220, 235), new SKColor(150, 170, 200)], SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, 4000, 3000, paint);
            using var ink = new SKPaint { Color = SKColors.DarkSlateBlue, IsAntialias = true };
            using var font = new SKFont(SKTypeface.Default, 120);
            for (var y = 300; y < 3000; y += 260)
            {
                canvas.DrawText("CARTE NATIONALE D'IDENTITÉ N° 123456789012 DUPONT", 200, y, SKTextAlign.Left, font, ink);
            }
        }
        var random = new Random(7);
        var pixels = bitmap.GetPixelSpan();
        var noisy = new byte[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            noisy[i] = i % 4 == 3 ? (byte)255 : (byte)Math.Clamp(pixels[i] + random.Next(-14, 15), 0, 255);
        }
        System.Runtime.InteropServices.Marshal.Copy(noisy, 0, bitmap.GetPixels(), noisy.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return jpeg.ToArray();
    }
}
