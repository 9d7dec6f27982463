using System.Globalization;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Suspicious;

/// <summary>A store's warning thresholds for the sale form; null: no warning on that point.</summary>
public sealed record SaleThresholds(int? QuantityPerLine, int? TotalQuantity, int? CashTotalQuantity)
{
    public static readonly SaleThresholds None = new(null, null, null);
}

/// <summary>
/// What the sale form points out without refusing the sale: quantities above the store's thresholds (signs of article R.557-6-14-3's
/// "quantités inhabituelles" and of a large purchase paid in cash) and an ID document older than its usual validity.
/// </summary>
public static class SaleWarnings
{
    public static IReadOnlyList<string> For(SaleInput input, SaleThresholds thresholds, SalesOptions options, DateOnly today)
    {
        var warnings = new List<string>();
        var lines = input.Lines ?? [];
        if (thresholds.QuantityPerLine is { } perLine)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Quantity > perLine)
                {
                    warnings.Add($"Ligne {i + 1} : quantité de {lines[i].Quantity} au-dessus du seuil habituel du magasin ({perLine} par ligne).");
                }
            }
        }
        var total = lines.Sum(l => Math.Max(l.Quantity ?? 0, 0));
        if (thresholds.TotalQuantity is { } maxTotal && total > maxTotal)
        {
            warnings.Add($"Quantité totale de {total} articles au-dessus du seuil habituel du magasin ({maxTotal}).");
        }
        if (input.PaymentMethod == PaymentMethod.Cash && thresholds.CashTotalQuantity is { } maxCash && total > maxCash)
        {
            warnings.Add($"Paiement en espèces pour {total} articles (seuil du magasin : {maxCash}) : un achat important payé en espèces est un motif de refus possible.");
        }
        if (IdValidityWarning(input, options, today) is { } validity)
        {
            warnings.Add(validity);
        }
        return warnings;
    }

    /// <summary>Says when the ID document was issued longer ago than its usual validity (it may have expired).</summary>
    public static string? IdValidityWarning(SaleInput input, SalesOptions options, DateOnly today)
    {
        if (input.IdDocumentType is not { } type || input.IdDocumentIssueDate is not { } issued
            || !options.IdValidityYears.TryGetValue(type, out var years) || years <= 0 || issued.AddYears(years) > today)
        {
            return null;
        }
        return $"Pièce d'identité délivrée le {issued.ToString("dd/MM/yyyy", CultureInfo.GetCultureInfo("fr-FR"))}, il y a plus de {years} ans "
            + $"(durée de validité habituelle : {type.Label()}) : vérifiez la date d'expiration inscrite sur la pièce.";
    }
}
