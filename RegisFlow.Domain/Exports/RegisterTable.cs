using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Exports;

/// <summary>
/// The register as one flat table, one row per product line: every field of <see cref="RegisterFields.Sale"/>, then every field of
/// <see cref="RegisterFields.Line"/>, then the kinds of photos taken (and why one could not be, when the clerk said so). The CSV and the
/// Excel sheet write these columns.
/// </summary>
public static class RegisterTable
{
    public const string PhotosHeader = "Photos";

    public static readonly IReadOnlyList<string> Headers =
        [.. RegisterFields.Sale.Select(f => f.Label), .. RegisterFields.Line.Select(f => f.Label), PhotosHeader];

    /// <summary>For each column, whether it holds an identifier to keep as typed (<see cref="RegisterField{TSource}.IsCode"/>).</summary>
    public static readonly IReadOnlyList<bool> IsCode =
        [.. RegisterFields.Sale.Select(f => f.IsCode), .. RegisterFields.Line.Select(f => f.IsCode), false];

    /// <summary>« Pièce d'identité (recto), Ticket de caisse », followed by the reason a required photo is missing, if any.</summary>
    public static string PhotosText(SaleRecord sale)
    {
        var taken = string.Join(", ", sale.Photos.Select(p => p.Kind.Label()));
        return sale.MissingPhotosReason is not { } reason ? taken
            : taken.Length == 0 ? $"Photo impossible : {reason}"
            : $"{taken} ; photo impossible : {reason}";
    }

    /// <summary>The values of each product line's row (one row with empty line cells for a sale without lines).</summary>
    public static IEnumerable<RegisterValue?[]> Rows(SaleRecord sale)
    {
        var saleValues = RegisterFields.Sale.Select(f => (RegisterValue?)f.Read(sale)).ToList();
        var photos = RegisterValue.OfText(PhotosText(sale));
        if (sale.Lines.Count == 0)
        {
            yield return [.. saleValues, .. RegisterFields.Line.Select(_ => (RegisterValue?)null), photos];
            yield break;
        }
        foreach (var line in sale.Lines)
        {
            yield return [.. saleValues, .. RegisterFields.Line.Select(f => (RegisterValue?)f.Read(line)), photos];
        }
    }
}
