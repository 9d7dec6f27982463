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
    public required string BuyerFirstName { get; set; }
    public DateOnly BuyerBirthDate { get; set; }
    public required string BuyerBirthPlace { get; set; }
    public required string BuyerAddress { get; set; }
    public PaymentMethod PaymentMethod { get; set; }

    public IdDocumentType IdDocumentType { get; set; }
    public required string IdDocumentNumber { get; set; }
    public string? IdDocumentAuthority { get; set; }
    public DateOnly IdDocumentIssueDate { get; set; }

    /// <summary>Lower-cased, accent-free concatenation of the searchable fields (names, seller, ID number, EANs, article types, birth place), filled on save.</summary>
    public string SearchText { get; set; } = "";

    public int? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<SaleLine> Lines { get; set; } = [];
    public List<SalePhoto> Photos { get; set; } = [];
}
