using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.History;

/// <summary>What one product line of a sale is, as the history lists it.</summary>
public sealed record SaleArticle(ArticleType ArticleType, FireworkCategory Category, int Quantity);

/// <summary>One line of the history list: the sale's fields the list shows, its counts and its articles (no photos).</summary>
public sealed record SaleRow(
    long Id,
    string StoreName,
    DateTimeOffset SoldAt,
    string SellerName,
    string BuyerLastName,
    string BuyerFirstNames,
    PaymentMethod PaymentMethod,
    string IdDocumentNumber,
    int LineCount,
    int TotalQuantity,
    int PhotoCount,
    IReadOnlyList<SaleArticle> Articles)
{
    public HistoryCursor Cursor => new(SoldAt, Id);
}

/// <summary>A number of sales: exact, or only a lower bound (<see cref="IsExact"/> false) when counting them all would be slow.</summary>
public readonly record struct SaleCount(long Value, bool IsExact);

/// <summary>Where a sale sits in the register's order (newest first: by time of sale, then by number).</summary>
public sealed record HistoryCursor(DateTimeOffset SoldAt, long Id);

/// <summary>Which page of the history to read, relative to the page shown.</summary>
public enum HistoryMove
{
    /// <summary>The newest sales.</summary>
    First,

    /// <summary>The sales just older than the cursor (the last row shown).</summary>
    Older,

    /// <summary>The sales just newer than the cursor (the first row shown).</summary>
    Newer,

    /// <summary>The oldest sales.</summary>
    Last,
}

/// <summary>One page of the history, newest first, with the number of sales matching the filters and in the caller's scope.</summary>
public sealed record SaleHistoryPage(IReadOnlyList<SaleRow> Rows, SaleCount Matching, long Total, bool HasNewer, bool HasOlder);

public sealed record SaleLineRecord(int Position, ArticleType ArticleType, FireworkCategory Category, int Quantity, string Reference, ReferenceKind ReferenceKind);

public sealed record SalePhotoInfo(long Id, PhotoKind Kind, string ContentType, int Width, int Height, int SizeBytes);

/// <summary>Everything about one sale except the photo bytes: the details dialog and the exports read it through <see cref="RegisterFields"/>.</summary>
public sealed record SaleRecord(
    long Id,
    int StoreId,
    string StoreName,
    DateTimeOffset SoldAt,
    string SellerName,
    string BuyerLastName,
    string BuyerFirstNames,
    DateOnly BuyerBirthDate,
    string BuyerBirthPlace,
    string BuyerAddress,
    PaymentMethod PaymentMethod,
    IdDocumentType IdDocumentType,
    string IdDocumentNumber,
    string IdDocumentAuthority,
    DateOnly IdDocumentIssueDate,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SaleLineRecord> Lines,
    IReadOnlyList<SalePhotoInfo> Photos)
{
    /// <summary>Why a photo the store required is missing, as the clerk typed it; null when none is.</summary>
    public string? MissingPhotosReason { get; init; }
}

public sealed record PhotoContent(string ContentType, byte[] Data, long SaleId, PhotoKind Kind)
{
    /// <summary>"vente-123-piece-d-identite-recto.jpg": what a downloaded photo is called.</summary>
    public string FileName => $"vente-{SaleId}-{Exports.ExportService.Slug(Kind.Label())}.{(ContentType == "image/png" ? "png" : "jpg")}";
}
