using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Tests.Sales;

/// <summary>A complete, valid sale to start each test from; tests change only what they are about.</summary>
internal static class SaleSamples
{
    /// <summary>The fixtures' fake clock reads 25 November 2026, 10:00 UTC: 11:00 in Paris.</summary>
    public static readonly DateOnly SaleDate = new(2026, 11, 25);

    public static readonly PhotoKind[] AllPhotos = [PhotoKind.IdFront, PhotoKind.IdBack, PhotoKind.Receipt];

    public static SaleInput ValidInput() => new()
    {
        SellerName = "Paul Vendeur",
        Lines =
        [
            new SaleLineInput { ArticleType = ArticleType.Rocket, Category = FireworkCategory.F2, Quantity = 3, Ean13 = "4006381333931" },
            new SaleLineInput { ArticleType = ArticleType.Battery, Category = FireworkCategory.F3, Quantity = 1, Ean13 = "5901234123457" },
        ],
        BuyerLastName = "Lefèvre",
        BuyerFirstName = "Élodie",
        BuyerBirthDate = new DateOnly(1985, 6, 14),
        BuyerBirthPlace = "Besançon",
        BuyerAddress = "12 rue des Lilas, 69003 Lyon",
        PaymentMethod = PaymentMethod.Card,
        IdDocumentType = IdDocumentType.NationalIdCard,
        IdDocumentNumber = "X4RTBPFW4",
        IdDocumentAuthority = "Préfecture du Rhône",
        IdDocumentIssueDate = new DateOnly(2021, 3, 2),
    };
}
