using System.Globalization;
using System.Text;

namespace RegisFlow.Domain.Sales;

/// <summary>
/// The one normalisation of searchable text: lower case, accents removed, spaces collapsed.
/// Sales store it in <see cref="Sale.SearchText"/>; the history search normalises what is typed the same way.
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }
            switch (char.ToLowerInvariant(c))
            {
                case 'œ': result.Append("oe"); break;
                case 'æ': result.Append("ae"); break;
                case 'ß': result.Append("ss"); break;
                case var lower: result.Append(lower); break;
            }
        }
        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The normalised text of a sale's searchable fields, as stored in <see cref="Sale.SearchText"/>. The seller is left out: a search
    /// for a buyer named Hélène must not also bring every sale made by a seller of that name.
    /// </summary>
    public static string For(Sale sale) => Normalize(string.Join(' ', new[]
    {
        sale.BuyerLastName,
        sale.BuyerFirstNames,
        sale.IdDocumentNumber,
        sale.BuyerBirthPlace,
    }.Concat(sale.Lines.Select(l => l.Reference))
     .Concat(sale.Lines.Select(l => l.ArticleType.Label()).Distinct())));
}
