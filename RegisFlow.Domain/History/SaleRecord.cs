using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.History;

/// <summary>One line of the history list: no lines, no photos, only what the grid shows.</summary>
public sealed record SaleRow(
    long Id,
    string StoreName,
    DateTimeOffset SoldAt,
    string SellerName,
    string BuyerLastName,
    string BuyerFirstName,
    PaymentMethod PaymentMethod,
    string IdDocumentNumber,
    int LineCount,
    int TotalQuantity,
    int PhotoCount);

public sealed record SaleHistoryPage(IReadOnlyList<SaleRow> Rows, int FilteredCount, int TotalCount);

public enum SaleSortField
{
    SoldAt,
    Number,
    Buyer,
    Seller,
    Store,
}

public sealed record SaleLineRecord(int Position, ArticleType ArticleType, FireworkCategory Category, int Quantity, string Ean13);

public sealed record SalePhotoInfo(long Id, PhotoKind Kind, string ContentType, int Width, int Height, int SizeBytes);

/// <summary>Everything about one sale except the photo bytes: the details dialog and the exports read it.</summary>
public sealed record SaleRecord(
    long Id,
    int StoreId,
    string StoreName,
    DateTimeOffset SoldAt,
    string SellerName,
    string BuyerLastName,
    string BuyerFirstName,
    DateOnly BuyerBirthDate,
    string BuyerBirthPlace,
    string BuyerAddress,
    PaymentMethod PaymentMethod,
    IdDocumentType IdDocumentType,
    string IdDocumentNumber,
    string? IdDocumentAuthority,
    DateOnly IdDocumentIssueDate,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SaleLineRecord> Lines,
    IReadOnlyList<SalePhotoInfo> Photos);

public sealed record PhotoContent(string ContentType, byte[] Data);
