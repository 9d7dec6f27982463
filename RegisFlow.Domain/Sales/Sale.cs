using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Stores;

namespace RegisFlow.Domain.Sales;

public class Sale
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public Store? Store { get; set; }

    public DateTimeOffset SoldAt { get; set; }
    public required string SellerName { get; set; }

    public required string BuyerLastName { get; set; }
    /// <summary>All the buyer's first names, as on the ID document.</summary>
    public required string BuyerFirstNames { get; set; }
    public DateOnly BuyerBirthDate { get; set; }
    public required string BuyerBirthPlace { get; set; }
    public required string BuyerAddress { get; set; }
    public PaymentMethod PaymentMethod { get; set; }

    public IdDocumentType IdDocumentType { get; set; }
    public required string IdDocumentNumber { get; set; }
    public required string IdDocumentAuthority { get; set; }
    public DateOnly IdDocumentIssueDate { get; set; }

    /// <summary>Lower-cased, accent-free concatenation of the buyer's searchable fields (names, ID number, birth place, product references, article types), filled on save.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>How many product lines, articles and photos the sale holds, kept on the row so the history lists sales without counting.</summary>
    public int LineCount { get; set; }

    public int TotalQuantity { get; set; }

    public int PhotoCount { get; set; }

    /// <summary>
    /// Why a photo the store requires is missing (camera out of order...), typed by the clerk; null when nothing is missing.
    /// Not the buyer's data: the purge keeps it.
    /// </summary>
    public string? MissingPhotosReason { get; set; }

    public int? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Place of the sale in its store's chain (1, 2, ...); null for a sale recorded outside the application.</summary>
    public long? ChainPosition { get; set; }

    /// <summary>SHA-256 of the previous link's hash and this sale's canonical content (see <see cref="Integrity.SaleSeal"/>).</summary>
    public byte[]? ChainHash { get; set; }

    public List<SaleLine> Lines { get; set; } = [];
    public List<SalePhoto> Photos { get; set; } = [];

    /// <summary>Fills the columns derived from the sale's own fields, lines and photos; called whenever a sale is built for saving.</summary>
    public Sale WithDerivedColumns()
    {
        SearchText = Sales.SearchText.For(this);
        LineCount = Lines.Count;
        TotalQuantity = Lines.Sum(l => l.Quantity);
        PhotoCount = Photos.Count;
        return this;
    }
}
