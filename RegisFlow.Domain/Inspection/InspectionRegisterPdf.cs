using System.Globalization;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Inspection;

/// <summary>The register for inspection laid out: title, one numbered block per sale, the removed sales, and the chain's check last.</summary>
internal sealed class InspectionRegisterPdf : IDisposable
{
    public const string Title = "Registre des ventes d'artifices — exemplaire pour contrôle";

    private readonly PdfPages _pages = new(Title);
    private readonly InspectionPlan _plan;
    private readonly DateTimeOffset _generatedAt;
    private readonly TimeZoneInfo _zone;

    /// <summary>Shown in each sale's heading rather than among its fields (the store is the register's).</summary>
    private static readonly RegisterField<History.SaleRecord>[] HeadingFields = [RegisterFields.SaleNumber, RegisterFields.SoldAt, RegisterFields.Store];

    private static readonly double[] LineShares = LineColumnShares();

    public InspectionRegisterPdf(InspectionPlan plan, DateTimeOffset generatedAt, TimeZoneInfo zone)
    {
        _plan = plan;
        _generatedAt = generatedAt;
        _zone = zone;
        _pages.Paragraph(Title, PdfPages.Title);
        _pages.Gap(4);
        _pages.Paragraph($"Magasin : {plan.StoreName}{(string.IsNullOrWhiteSpace(plan.StoreAddress) ? "" : " — " + plan.StoreAddress)}", PdfPages.Body);
        _pages.Paragraph($"Période : {Period}", PdfPages.Body);
        _pages.Paragraph($"Ventes : {plan.SaleCount.ToString("N0", ExportContext.French)}", PdfPages.Body);
        _pages.Paragraph($"Édité le {Local(generatedAt)} par {plan.Caller.DisplayName} ({plan.Caller.UserName})", PdfPages.Body);
        _pages.Paragraph("Chaque vente porte son rang dans la chaîne d'intégrité du magasin et son empreinte SHA-256 ; la dernière page donne "
            + "l'empreinte de tête de la chaîne et le résultat de sa vérification au moment de l'édition.", PdfPages.Small);
        _pages.Gap(8);
    }

    private string Period => $"du {ExportContext.Date(_plan.From)} au {ExportContext.Date(_plan.To)}";

    public void Sale(int order, InspectedSale sale, IReadOnlyDictionary<long, byte[]> photos)
    {
        var record = sale.Record;
        _pages.Banner($"N° d'ordre {order} — Vente n° {Text(RegisterFields.SaleNumber, record)} — {Text(RegisterFields.SoldAt, record)}", keepWith: 60);
        _pages.Pairs([.. RegisterFields.Sale.Except(HeadingFields).Select(f => (f.Label, Text(f, record)))]);
        _pages.Gap(3);
        string[] header = [.. RegisterFields.Line.Select(f => f.Label)];
        _pages.Row(header, LineShares, shaded: true);
        foreach (var line in record.Lines)
        {
            _pages.Row([.. RegisterFields.Line.Select(f => Text(f, line))], LineShares, header: header);
        }
        _pages.Gap(2);
        _pages.Paragraph("Photos : " + (record.Photos.Count == 0 ? "aucune" : string.Join(", ", record.Photos.Select(p => p.Kind.Label()))), PdfPages.Small);
        _pages.Images([.. record.Photos.Where(p => photos.ContainsKey(p.Id)).Select(p => (photos[p.Id], p.Kind.Label()))]);
        _pages.Paragraph(sale.Hash is { } hash
            ? $"Chaîne : rang {sale.Position}, empreinte {SaleSeal.Hex(hash)}"
            : "Chaîne : vente sans empreinte (enregistrée hors de l'application)", PdfPages.Small);
        _pages.Gap(8);
    }

    public void Removed(IReadOnlyList<SaleTombstone> removed)
    {
        _pages.Banner("Ventes supprimées ou effacées de la période", keepWith: 30);
        if (removed.Count == 0)
        {
            _pages.Paragraph("Aucune.", PdfPages.Body);
            return;
        }
        double[] shares = [0.1, 0.16, 0.08, 0.16, 0.18, 0.32];
        string[] header = ["Vente n°", "Date de vente", "Rang", "Retirée le", "Par", "Motif"];
        _pages.Row(header, shares, shaded: true);
        foreach (var t in removed)
        {
            _pages.Row([
                t.SaleId.ToString(CultureInfo.InvariantCulture), Local(t.SoldAt), t.ChainPosition?.ToString(CultureInfo.InvariantCulture) ?? "—",
                Local(t.RemovedAt), t.RemovedBy ?? "purge automatique",
                t.Kind == TombstoneKind.Purged ? "Purge (durée de conservation dépassée)" : t.Reason,
            ], shares, header: header);
        }
    }

    /// <summary>The last page: the store's chain as checked when the register was printed.</summary>
    public void Verification(StoreChainStatus chain)
    {
        _pages.NewPage();
        _pages.Paragraph("Vérification de la chaîne d'intégrité", PdfPages.Title);
        _pages.Gap(6);
        _pages.Pairs([
            ("Magasin", chain.StoreName),
            ("Vérifiée le", Local(_generatedAt)),
            ("Maillons de la chaîne", chain.Length.ToString("N0", ExportContext.French)),
            ("Ventes recalculées", chain.SalesChecked.ToString("N0", ExportContext.French)),
            ("Ventes supprimées ou effacées", chain.Removed.ToString("N0", ExportContext.French)),
        ]);
        _pages.Gap(6);
        _pages.Paragraph($"Empreinte de tête (rang {chain.Length}) :", PdfPages.Label);
        _pages.Paragraph(chain.HeadHash, PdfPages.Body);
        _pages.Gap(6);
        _pages.Paragraph(chain.Break is { } broken
            ? $"Résultat : CHAÎNE ROMPUE — {broken.Describe()}"
            : "Résultat : chaîne intègre — chaque vente correspond à son empreinte, aucune n'a disparu sans trace.", PdfPages.Heading);
        _pages.Gap(6);
        _pages.Paragraph("Chaque empreinte est le SHA-256 de l'empreinte précédente et de toutes les données de la vente (champs du registre, "
            + "articles, empreinte de chaque photo) : une donnée changée ou une vente retirée hors de l'application rompt la chaîne à cet "
            + "endroit. Noter l'empreinte de tête permet de vérifier plus tard que rien de ce qui précède n'a changé.", PdfPages.Small);
    }

    public Task SaveAsync(Stream output, CancellationToken ct) =>
        _pages.SaveAsync(output, $"Registre pour contrôle — {_plan.StoreName} — {Period}", ct);

    public void Dispose() => _pages.Dispose();

    private string Text<TSource>(RegisterField<TSource> field, TSource source) => field.Text(source, _zone);

    private string Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).ToString("dd/MM/yyyy HH:mm", ExportContext.French);

    private static double[] LineColumnShares()
    {
        double Weight(RegisterField<History.SaleLineRecord> field) =>
            field == RegisterFields.ArticleType ? 3 : field == RegisterFields.Reference ? 2.2 : field == RegisterFields.LinePosition ? 0.7 : 1.4;
        var total = RegisterFields.Line.Sum(Weight);
        return [.. RegisterFields.Line.Select(f => Weight(f) / total)];
    }
}
