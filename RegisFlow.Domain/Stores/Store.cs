using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Stores;

public class Store
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Warning thresholds of the sale form (never blocking); null: no warning.</summary>
    public int? WarnQuantityPerLine { get; set; }
    public int? WarnTotalQuantity { get; set; }

    /// <summary>The form records no amount: a sale paid in cash is flagged on its total quantity.</summary>
    public int? WarnCashTotalQuantity { get; set; }

    /// <summary>The payment method a new sale starts with (cash, as most sales are); null: the seller must choose each time.</summary>
    public PaymentMethod? DefaultPaymentMethod { get; set; } = PaymentMethod.Cash;

    /// <summary>
    /// Whether a sale needs the photos of the ID document and of the receipt (<see cref="SaleValidator.RequiredPhotos"/>); off by
    /// default, as the shops asked. When on, a photo that cannot be taken is excused by a reason kept with the sale.
    /// </summary>
    public bool PhotosRequired { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
