using RegisFlow.Domain;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Tests.Sales;

/// <summary>A complete, valid sale to start each test from; tests change only what they are about.</summary>
internal static class SaleSamples
{
    /// <summary>The fixtures' fake clock reads 25 November 2026, 10:00 UTC: 11:00 in Paris.</summary>
    public static readonly DateOnly SaleDate = new(2026, 11, 25);

    public static readonly PhotoKind[] AllPhotos = [PhotoKind.IdFront, PhotoKind.IdBack, PhotoKind.Receipt];

    private static readonly PhotoProcessor Processor = new(new RegisFlowOptions());

    /// <summary>The three photos of a sale, processed as the sale form's upload processes them.</summary>
    public static List<PhotoUpload> Photos(byte[]? idFront = null, byte[]? idBack = null, byte[]? receipt = null) =>
    [
        new(PhotoKind.IdFront, Processor.Process(idFront ?? TestImages.Jpeg(1200, 800))),
        new(PhotoKind.IdBack, Processor.Process(idBack ?? TestImages.Jpeg(1200, 800))),
        new(PhotoKind.Receipt, Processor.Process(receipt ?? TestImages.Jpeg(600, 1400))),
    ];

    public static SaleInput ValidInput() => new()
    {
        SellerName = "Paul Vendeur",
        Lines =
        [
            new SaleLineInput { ArticleType = ArticleType.Rocket, Category = FireworkCategory.F2, Quantity = 3, Reference = "4006381333931" },
            new SaleLineInput { ArticleType = ArticleType.Battery, Category = FireworkCategory.F3, Quantity = 1, Reference = "5901234123457" },
        ],
        BuyerLastName = "Lefèvre",
        BuyerFirstNames = "Élodie Marie",
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
