using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Inspection;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Suspicious;

/// <summary>The one-page report of a suspicious attempt, to hand to the authorities.</summary>
internal static class SuspiciousAttemptPdf
{
    public const string Title = "Signalement d'une tentative d'achat suspecte d'artifices";

    public static async Task WriteAsync(SuspiciousAttempt attempt, Caller printedBy, DateTimeOffset printedAt, TimeZoneInfo zone, Stream output, CancellationToken ct)
    {
        using var pages = new PdfPages(Title);
        pages.Paragraph(Title, PdfPages.Title);
        pages.Paragraph("Vente refusée en application de l'article R.557-6-14-3 du Code de l'environnement.", PdfPages.Small);
        pages.Gap(6);
        var store = attempt.Store!;
        pages.Banner($"Tentative n° {attempt.Id} — {Local(attempt.RecordedAt, zone)}");
        pages.Pairs([
            ("Magasin", store.Name + (string.IsNullOrWhiteSpace(store.Address) ? "" : " — " + store.Address)),
            ("Date et heure", Local(attempt.RecordedAt, zone)),
            ("Vendeur", attempt.ClerkName),
            ("Contact du magasin", string.Join(" ", new[] { store.Phone, store.Email }.Where(v => !string.IsNullOrWhiteSpace(v)))),
        ]);
        pages.Gap(6);
        pages.Banner("Motifs du refus");
        foreach (var reason in attempt.Reasons)
        {
            pages.Paragraph("☒ " + reason.Label(), PdfPages.Body);
        }
        pages.Gap(4);
        pages.Banner("Circonstances décrites par le vendeur");
        pages.Paragraph(attempt.Details.Length == 0 ? "—" : attempt.Details, PdfPages.Body);
        pages.Gap(6);
        pages.Banner("Identité de l'acheteur (telle que saisie)");
        pages.Pairs([
            ("Nom", attempt.BuyerLastName ?? ""),
            ("Prénoms", attempt.BuyerFirstNames ?? ""),
            ("Date de naissance", attempt.BuyerBirthDate is { } birth ? ExportContext.Date(birth) : ""),
            ("Lieu de naissance", attempt.BuyerBirthPlace ?? ""),
            ("Adresse", attempt.BuyerAddress ?? ""),
            ("Paiement proposé", attempt.PaymentMethod?.Label() ?? ""),
            ("Pièce d'identité", attempt.IdDocumentType?.Label() ?? ""),
            ("Numéro", attempt.IdDocumentNumber ?? ""),
            ("Délivrée par", attempt.IdDocumentAuthority ?? ""),
            ("Délivrée le", attempt.IdDocumentIssueDate is { } issued ? ExportContext.Date(issued) : ""),
        ]);
        pages.Gap(6);
        pages.Banner("Articles demandés");
        var articles = attempt.Articles.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (articles.Length == 0)
        {
            pages.Paragraph("Aucun article saisi.", PdfPages.Body);
        }
        foreach (var article in articles)
        {
            pages.Paragraph(article, PdfPages.Body);
        }
        pages.Gap(10);
        pages.Paragraph($"Édité le {Local(printedAt, zone)} par {printedBy.DisplayName} ({printedBy.UserName}).", PdfPages.Small);
        await pages.SaveAsync(output, $"RegisFlow — tentative suspecte n° {attempt.Id}", ct);
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dd/MM/yyyy HH:mm", ExportContext.French);
}
