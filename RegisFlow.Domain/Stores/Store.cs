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

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
