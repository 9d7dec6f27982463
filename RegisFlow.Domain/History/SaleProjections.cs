using System.Linq.Expressions;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.History;

internal static class SaleProjections
{
    /// <summary>A sale with its lines and photo descriptions (never the photo bytes), in one SQL projection.</summary>
    public static Expression<Func<Sale, SaleRecord>> Record(RegisFlowDbContext db) => s => new SaleRecord(
        s.Id,
        s.StoreId,
        s.Store!.Name,
        s.SoldAt,
        s.SellerName,
        s.BuyerLastName,
        s.BuyerFirstNames,
        s.BuyerBirthDate,
        s.BuyerBirthPlace,
        s.BuyerAddress,
        s.PaymentMethod,
        s.IdDocumentType,
        s.IdDocumentNumber,
        s.IdDocumentAuthority,
        s.IdDocumentIssueDate,
        db.Users.Where(u => u.Id == s.CreatedByUserId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
        s.CreatedAt,
        s.Lines.OrderBy(l => l.Position)
            .Select(l => new SaleLineRecord(l.Position, l.ArticleType, l.Category, l.Quantity, l.Reference, l.ReferenceKind)).ToList(),
        s.Photos.OrderBy(p => p.Kind == PhotoKind.IdFront ? 0 : p.Kind == PhotoKind.IdBack ? 1 : 2)
            .Select(p => new SalePhotoInfo(p.Id, p.Kind, p.ContentType, p.Width, p.Height, p.SizeBytes)).ToList())
    {
        MissingPhotosReason = s.MissingPhotosReason,
    };

    /// <summary>A history row without its articles (read in a second query): every count comes from the sale's own columns.</summary>
    public static Expression<Func<Sale, SaleRowData>> Row => s => new SaleRowData(
        s.Id,
        s.Store!.Name,
        s.SoldAt,
        s.SellerName,
        s.BuyerLastName,
        s.BuyerFirstNames,
        s.PaymentMethod,
        s.IdDocumentNumber,
        s.LineCount,
        s.TotalQuantity,
        s.PhotoCount);
}

internal sealed record SaleRowData(
    long Id, string StoreName, DateTimeOffset SoldAt, string SellerName, string BuyerLastName, string BuyerFirstNames,
    PaymentMethod PaymentMethod, string IdDocumentNumber, int LineCount, int TotalQuantity, int PhotoCount)
{
    public SaleRow ToRow(IReadOnlyList<SaleArticle> articles) => new(
        Id, StoreName, SoldAt, SellerName, BuyerLastName, BuyerFirstNames, PaymentMethod, IdDocumentNumber, LineCount, TotalQuantity, PhotoCount, articles);
}
