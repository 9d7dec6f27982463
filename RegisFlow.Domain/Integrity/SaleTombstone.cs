namespace RegisFlow.Domain.Integrity;

public enum TombstoneKind
{
    Deleted,
    Purged,
}

/// <summary>
/// What stays of a deleted or purged sale so that its store's chain still verifies: its number, place and hash, when and why
/// it went — never the buyer.
/// </summary>
public class SaleTombstone
{
    public long Id { get; set; }
    public long SaleId { get; set; }
    public int StoreId { get; set; }
    public DateTimeOffset SoldAt { get; set; }

    /// <summary>Null for a sale that was never chained (recorded outside the application).</summary>
    public long? ChainPosition { get; set; }
    public byte[]? ChainHash { get; set; }

    public TombstoneKind Kind { get; set; }
    public DateTimeOffset RemovedAt { get; set; }
    public int? RemovedByUserId { get; set; }

    /// <summary>Who removed it; null for the scheduled purge.</summary>
    public string? RemovedBy { get; set; }

    /// <summary>The reason typed for a deletion, "purge" for the purge.</summary>
    public required string Reason { get; set; }
}
