using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Benchmarks.Data;
using RegisFlow.Benchmarks.Report;
using RegisFlow.Benchmarks.Running;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Benchmarks.Cases;

/// <summary>
/// Side by side with the original app (Node/React, public repository R0m1k3/Regisflow): the same store history of sales with three
/// ~150 KB photos each, opened in RegisFlow by that store's manager, and fetched from the original's <c>GET /api/sales</c>
/// (what its history page loads) when its address is given; the ratio of the medians is printed in the same run.
/// </summary>
internal static class OriginalCase
{
    public static async Task<IEnumerable<ReportRow>> RunAsync(BenchContext bench)
    {
        var sales = bench.Dataset.Size.ComparisonSales;
        var ours = await BenchContext.RepeatAsync(bench.Options.Repeat, Unit.Milliseconds, async _ =>
        {
            await using var context = await bench.Browser.ContextAsync(DataLoader.ComparisonManagerUserName, DataLoader.Password);
            var page = await context.NewPageAsync();
            var watch = Stopwatch.StartNew();
            await page.GotoAsync("/historique", new() { Timeout = BrowserSession.Timeout });
            await page.WaitForAsync(HistoryCases.RowsShown);
            return BenchContext.Ms(watch);
        });
        BenchContext.Log($"  historique du magasin comparé ({sales} ventes) : {ours.Summary()}");
        var row = new ReportRow($"side by side: a store's history, {sales} sales with 3 photos each — RegisFlow", ours.Summary(), "faster than the original", null,
            "page opened to rows shown, by that store's manager");
        if (bench.Options.OriginalUrl is not { } url)
        {
            bench.Notes.Add("Side by side: no `--original` address given, so only RegisFlow's side was measured.");
            return [row];
        }
        var (theirs, size, status) = await OriginalAsync(bench, url);
        var ratio = theirs.Median / ours.Median;
        BenchContext.Log($"  original {url}/api/sales : {theirs.Summary()}, {size:0.0} MB, HTTP {status} ; rapport {ratio:0.0}×");
        return
        [
            row with { Met = ratio > 1, Notes = row.Notes + $"; the original is {ratio:0.0}× slower (ratio of medians)" },
            new ReportRow($"side by side: the original's GET /api/sales for the same store ({url})", theirs.Summary(), "—", null,
                $"HTTP {status}, {size:0.0} MB of JSON"),
        ];
    }

    private static async Task<(Samples Time, double SizeMb, int Status)> OriginalAsync(BenchContext bench, string url)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
        if (bench.Options.OriginalUser is { } user)
        {
            using var login = await http.PostAsJsonAsync("/api/auth/login", new { username = user, password = bench.Options.OriginalPassword ?? "" });
            if (!login.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Connexion à l'original refusée : HTTP {(int)login.StatusCode}.");
            }
        }
        if (bench.Options.OriginalSeed)
        {
            await SeedAsync(bench, http);
        }
        double size = 0;
        var status = 0;
        var time = await BenchContext.RepeatAsync(bench.Options.Repeat, Unit.Milliseconds, async _ =>
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync("/api/sales", HttpCompletionOption.ResponseHeadersRead);
            var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
            (size, status) = (Units.Mb(bytes), (int)response.StatusCode);
            return BenchContext.Ms(watch);
        });
        return (time, size, status);
    }

    /// <summary>
    /// Posts the comparison store's sales to the original (its POST /api/sales: French field names, photos as data URLs), so both
    /// apps hold the same register. Sign in to the original as an account of one store (its sales go there).
    /// </summary>
    private static async Task SeedAsync(BenchContext bench, HttpClient http)
    {
        await using var db = new RegisFlowDbContext(new DbContextOptionsBuilder<RegisFlowDbContext>()
            .UseNpgsql(bench.ConnectionString).UseSnakeCaseNamingConvention().Options);
        var storeId = bench.Dataset.ComparisonStore?.Id ?? throw new InvalidOperationException("Pas de magasin comparé (--comparison-sales 0).");
        var ids = await db.Sales.Where(s => s.StoreId == storeId).OrderBy(s => s.SoldAt).Select(s => s.Id).ToListAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        foreach (var id in ids)
        {
            var sale = await db.Sales.AsNoTracking().Include(s => s.Lines).Include(s => s.Photos).SingleAsync(s => s.Id == id);
            string? Photo(PhotoKind kind) => sale.Photos.FirstOrDefault(p => p.Kind == kind) is { } p ? "data:image/jpeg;base64," + Convert.ToBase64String(p.Data) : null;
            var body = new
            {
                vendeur = sale.SellerName,
                dateVente = TimeZoneInfo.ConvertTime(sale.SoldAt, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                nom = sale.BuyerLastName,
                prenom = sale.BuyerFirstNames,
                dateNaissance = sale.BuyerBirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                lieuNaissance = sale.BuyerBirthPlace,
                modePaiement = sale.PaymentMethod.Label(),
                typeIdentite = sale.IdDocumentType.Label(),
                numeroIdentite = sale.IdDocumentNumber,
                autoriteDelivrance = sale.IdDocumentAuthority,
                dateDelivrance = sale.IdDocumentIssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                photoRecto = Photo(PhotoKind.IdFront),
                photoVerso = Photo(PhotoKind.IdBack),
                photoTicket = Photo(PhotoKind.Receipt),
                products = sale.Lines.Select(l => new { typeArticle = l.ArticleType.Label(), categorie = l.Category.ToString(), quantite = l.Quantity, gencode = l.Reference }),
            };
            using var response = await http.PostAsJsonAsync("/api/sales", body);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"L'original refuse la vente {id} : HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        BenchContext.Log($"  {ids.Count} ventes envoyées à l'original.");
    }
}
