using System.Globalization;
using System.Text.RegularExpressions;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Web.Features.Sales;

/// <summary>
/// How the sale form names a field of <see cref="SaleFields"/>: its element id (the error summary links to it) and its
/// French label; and the order in which the fields appear on the page, so the summary reads from top to bottom.
/// </summary>
public static partial class SaleFieldNames
{
    [GeneratedRegex(@"^Lines\[(?<index>\d+)\]\.(?<field>\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LineField();

    private static readonly string[] PageOrder =
    [
        SaleFields.SellerName, SaleFields.Lines,
        SaleFields.BuyerLastName, SaleFields.BuyerFirstNames, SaleFields.BuyerBirthDate, SaleFields.BuyerBirthPlace,
        SaleFields.BuyerAddress, SaleFields.PaymentMethod,
        SaleFields.IdDocumentType, SaleFields.IdDocumentNumber, SaleFields.IdDocumentIssueDate, SaleFields.IdDocumentAuthority,
        SaleFields.Photo(PhotoKind.IdFront), SaleFields.Photo(PhotoKind.IdBack), SaleFields.Photo(PhotoKind.Receipt),
        SaleFields.MissingPhotosReason,
    ];

    private static readonly Dictionary<string, string> Labels = new Dictionary<string, string>
    {
        [SaleFields.SellerName] = "Vendeur",
        [SaleFields.Lines] = "Produits",
        [SaleFields.BuyerLastName] = "Nom de l'acheteur",
        [SaleFields.BuyerFirstNames] = "Prénoms de l'acheteur",
        [SaleFields.BuyerBirthDate] = "Date de naissance",
        [SaleFields.BuyerBirthPlace] = "Lieu de naissance",
        [SaleFields.BuyerAddress] = "Adresse",
        [SaleFields.PaymentMethod] = "Moyen de paiement",
        [SaleFields.IdDocumentType] = "Type de pièce",
        [SaleFields.IdDocumentNumber] = "Numéro de la pièce",
        [SaleFields.IdDocumentIssueDate] = "Date de délivrance",
        [SaleFields.IdDocumentAuthority] = "Autorité de délivrance",
        [SaleFields.MissingPhotosReason] = "Raison de la photo manquante",
    }.Concat(Enum.GetValues<PhotoKind>().Select(k => KeyValuePair.Create(SaleFields.Photo(k), "Photo : " + k.Label())))
        .ToDictionary(StringComparer.Ordinal);

    private static readonly string[] LineOrder =
        [nameof(SaleLineInput.ArticleType), nameof(SaleLineInput.Category), nameof(SaleLineInput.Quantity), nameof(SaleLineInput.Reference)];

    /// <summary>The id of the element around the field: "champ-Lines-0-Reference" for "Lines[0].Reference".</summary>
    public static string ElementId(string field) => "champ-" + string.Concat(field.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');

    public static string Label(string field)
    {
        if (LineField().Match(field) is { Success: true } line)
        {
            var number = int.Parse(line.Groups["index"].Value, CultureInfo.InvariantCulture) + 1;
            return $"Produit {number} : {LineLabel(line.Groups["field"].Value)}";
        }
        return Labels.GetValueOrDefault(field, field);
    }

    /// <summary>Sorts fields as they appear on the page, top to bottom.</summary>
    public static IEnumerable<string> InPageOrder(IEnumerable<string> fields) =>
        fields.OrderBy(Rank).ThenBy(f => f, StringComparer.Ordinal);

    private static (int Field, int Line, int InLine) Rank(string field)
    {
        var lines = Array.IndexOf(PageOrder, SaleFields.Lines);
        if (LineField().Match(field) is { Success: true } line)
        {
            return (lines, int.Parse(line.Groups["index"].Value, CultureInfo.InvariantCulture), Array.IndexOf(LineOrder, line.Groups["field"].Value));
        }
        var rank = Array.IndexOf(PageOrder, field);
        return (rank < 0 ? PageOrder.Length : rank, field == SaleFields.Lines ? int.MaxValue : 0, 0);
    }

    private static string LineLabel(string field) => field switch
    {
        nameof(SaleLineInput.ArticleType) => "type d'article",
        nameof(SaleLineInput.Category) => "catégorie",
        nameof(SaleLineInput.Quantity) => "quantité",
        nameof(SaleLineInput.Reference) => "code-barres ou référence",
        _ => field,
    };
}
