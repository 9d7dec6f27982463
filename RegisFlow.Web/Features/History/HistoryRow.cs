using RegisFlow.Domain.History;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Web.Features.History;

/// <summary>A grid line: the domain row with its date in shop time and its labels in French.</summary>
public sealed record HistoryRow(long Id, DateTime SoldAt, string Store, string Buyer, string Seller, string Payment, string IdNumber, int Lines, int Quantity, int Photos)
{
    public static HistoryRow From(SaleRow row, TimeZoneInfo zone) => new(
        row.Id,
        TimeZoneInfo.ConvertTime(row.SoldAt, zone).DateTime,
        row.StoreName,
        $"{row.BuyerLastName} {row.BuyerFirstName}",
        row.SellerName,
        row.PaymentMethod.Label(),
        row.IdDocumentNumber,
        row.LineCount,
        row.TotalQuantity,
        row.PhotoCount);

    /// <summary>The domain's sort for a grid column (the property name MudDataGrid reports).</summary>
    public static SaleSortField SortFor(string? column) => column switch
    {
        nameof(Id) => SaleSortField.Number,
        nameof(Buyer) => SaleSortField.Buyer,
        nameof(Seller) => SaleSortField.Seller,
        nameof(Store) => SaleSortField.Store,
        _ => SaleSortField.SoldAt,
    };
}
