using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RegisFlow.Benchmarks.Data;
using RegisFlow.Benchmarks.Report;
using RegisFlow.Benchmarks.Running;

namespace RegisFlow.Benchmarks.Cases;

/// <summary>
/// A seller on the sale form: a camera photo chosen in « Choisir une photo » until its preview shows (the browser's own
/// copy) and until the server has processed it (its stored size shown), and a sale saved with three photos.
/// </summary>
internal static partial class PhotoCases
{
    private const string IdFront = "Pièce d'identité (recto)";
    private static readonly string[] AllPhotos = [IdFront, "Pièce d'identité (verso)", "Ticket de caisse"];

    private const string PreviewLoaded = "sel => { const i = document.querySelector(sel); return !!i && i.complete && i.naturalWidth > 0; }";

    public static async Task<IEnumerable<ReportRow>> PreviewsAsync(BenchContext bench)
    {
        var rows = new List<ReportRow>();
        foreach (var (label, bytes, targetMs) in new[] { ("10 MB JPEG", 10_000_000, 1500.0), ("3 MB photo", 3_000_000, 1000.0) })
        {
            var file = PhotoFile(bench, bytes);
            var processed = new Samples(Unit.Milliseconds);
            var samples = await BenchContext.RepeatAsync(bench.Options.Repeat, Unit.Milliseconds, async _ =>
            {
                await using var context = await bench.Browser.ContextAsync(DataLoader.EmployeeUserName(0), DataLoader.Password);
                var page = await context.NewPageAsync();
                await page.OpenAsync("/ventes/nouvelle");
                var watch = Stopwatch.StartNew();
                await ChooseAsync(page, IdFront, file);
                var preview = BenchContext.Ms(watch);
                await StoredAsync(page, IdFront);
                processed.Add(BenchContext.Ms(watch));
                return preview;
            });
            BenchContext.Log($"  aperçu {label} : {samples.Summary()} ; traitée par le serveur : {processed.Summary()}");
            var size = $"{new FileInfo(file).Length / 1e6:0.0} MB file";
            rows.Add(ReportRow.Timed($"{label} chosen → preview shown", samples, targetMs, $"< {targetMs / 1000:0.#} s p95",
                $"{size}, from the file chosen to the preview image loaded (the browser's own copy, while the server works)"));
            rows.Add(new ReportRow($"{label} chosen → processed by the server", processed.Summary(), "(no target)", null,
                $"{size}, from the file chosen to its stored size shown: sent in one POST, decoded sampled, encoded once"));
        }
        return rows;
    }

    public static async Task<IEnumerable<ReportRow>> SaveAsync(BenchContext bench)
    {
        var file = PhotoFile(bench, 3_000_000);
        var samples = await BenchContext.RepeatAsync(bench.Options.Repeat, Unit.Milliseconds, async run =>
        {
            await using var context = await bench.Browser.ContextAsync(DataLoader.EmployeeUserName(0), DataLoader.Password);
            var page = await context.NewPageAsync();
            await page.OpenAsync("/ventes/nouvelle");
            await FillSaleAsync(page, run);
            foreach (var photo in AllPhotos)
            {
                await ChooseAsync(page, photo, file);
                await StoredAsync(page, photo);
            }
            var watch = Stopwatch.StartNew();
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la vente" }).ClickAsync();
            await page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = SavedMessage() }).First
                .WaitForAsync(new() { Timeout = BrowserSession.Timeout });
            return BenchContext.Ms(watch);
        });
        BenchContext.Log($"  vente avec 3 photos : {samples.Summary()}");
        return [ReportRow.Timed("sale saved with 3 photos", samples, 1000, "< 1 s p95", "3 photos of 3 MB; from the click on « Enregistrer » to the confirmation")];
    }

    private static async Task ChooseAsync(IPage page, string photo, string file)
    {
        var field = $"[data-photo=\"{photo}\"]";
        await page.Locator($"{field} input[data-source=gallery]").SetInputFilesAsync(file, new() { Timeout = BrowserSession.Timeout });
        await page.WaitForAsync(PreviewLoaded, $"{field} img");
    }

    /// <summary>The photo processed by the server: its stored size is shown under the preview.</summary>
    private static Task StoredAsync(IPage page, string photo) =>
        page.Locator($"[data-photo=\"{photo}\"] [data-testid=photo-stored]").WaitForAsync(new() { Timeout = BrowserSession.Timeout });

    private static async Task FillSaleAsync(IPage page, int run)
    {
        var line = page.Locator("[data-line='1']");
        await line.Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Fusée", new() { Exact = true }).ClickAsync();
        await line.GetByText("F2", new() { Exact = true }).ClickAsync();
        await Field(line, "Quantité").FillAsync("3");
        await Field(line, "Code-barres (EAN-13 ou EAN-8)").FillAsync("4006381333931");
        var body = page.Locator("body");
        await Field(body, "Nom").FillAsync($"Dupont-Banc{run}");
        await Field(body, "Prénoms").FillAsync("Hélène");
        await Field(body, "Date de naissance").FillAsync("1985-06-14");
        await Field(body, "Lieu de naissance").FillAsync("Besançon");
        await Field(body, "Adresse").FillAsync("12 rue des Lilas, 69003 Lyon");
        await page.GetByText("Carte Bancaire", new() { Exact = true }).ClickAsync();
        await page.GetByText("Carte Nationale d'Identité", new() { Exact = true }).ClickAsync();
        await Field(body, "Numéro").FillAsync("X4RTBPFW4");
        await Field(body, "Autorité de délivrance").FillAsync("Préfecture du Rhône");
        await Field(body, "Date de délivrance").FillAsync("2021-03-02");
    }

    /// <summary>A form field by its visible label (a required one ends with a star).</summary>
    private static ILocator Field(ILocator scope, string label) => scope.GetByLabel(new Regex("^" + Regex.Escape(label) + @"\s*\*?$"));

    /// <summary>A camera-like JPEG of about <paramref name="bytes"/> bytes, made once in the work folder.</summary>
    private static string PhotoFile(BenchContext bench, int bytes)
    {
        Directory.CreateDirectory(bench.FilesDirectory);
        var path = Path.Combine(bench.FilesDirectory, $"photo-{bytes}.jpg");
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, PhotoPool.CameraJpeg(bytes, bytes));
        }
        return path;
    }

    [GeneratedRegex(@"Vente n° \d+ enregistrée")]
    private static partial Regex SavedMessage();
}
