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
        s.BuyerFirstName,
        s.BuyerBirthDate,
        s.BuyerBirthPlace,
        s.BuyerAddress,
        s.PaymentMethod,
        s.IdDocumentType,
        s.IdDocumentNumber,
        s.IdDocumentAuthority,
        s.IdDocumentIssueDate,
        db.Users.Where(u => u.Id == s.CreatedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
        s.CreatedAt,
        s.Lines.OrderBy(l => l.Position)
            .Select(l => new SaleLineRecord(l.Position, l.ArticleType, l.Category, l.Quantity, l.Ean13)).ToList(),
        s.Photos.OrderBy(p => p.Kind == PhotoKind.IdFront ? 0 : p.Kind == PhotoKind.IdBack ? 1 : 2)
            .Select(p => new SalePhotoInfo(p.Id, p.Kind, p.ContentType, p.Width, p.Height, p.SizeBytes)).ToList());

    public static Expression<Func<Sale, SaleRow>> Row => s => new SaleRow(
        s.Id,
        s.Store!.Name,
        s.SoldAt,
        s.SellerName,
        s.BuyerLastName,
        s.BuyerFirstName,
        s.PaymentMethod,
        s.IdDocumentNumber,
        s.Lines.Count,
        s.Lines.Sum(l => l.Quantity),
        s.Photos.Count);
}
