using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;

namespace RegisFlow.Domain.Suspicious;

/// <summary>
/// A sale refused for suspicion, with what the clerk had typed of the buyer and the articles: personal data, erased by the purge
/// after the same retention as sales.
/// </summary>
public class SuspiciousAttempt
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public Store? Store { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public int? RecordedByUserId { get; set; }

    /// <summary>The clerk's name as shown at the time (the account may be renamed or deleted later).</summary>
    public required string ClerkName { get; set; }
    public List<SuspicionReason> Reasons { get; set; } = [];
    public string Details { get; set; } = "";

    public string? BuyerLastName { get; set; }
    public string? BuyerFirstNames { get; set; }
    public DateOnly? BuyerBirthDate { get; set; }
    public string? BuyerBirthPlace { get; set; }
    public string? BuyerAddress { get; set; }
    public PaymentMethod? PaymentMethod { get; set; }
    public IdDocumentType? IdDocumentType { get; set; }
    public string? IdDocumentNumber { get; set; }
    public string? IdDocumentAuthority { get; set; }
    public DateOnly? IdDocumentIssueDate { get; set; }

    /// <summary>The articles asked for, one per line as "quantité × type (catégorie) — référence".</summary>
    public string Articles { get; set; } = "";
}
