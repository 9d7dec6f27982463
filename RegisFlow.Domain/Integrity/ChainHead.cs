namespace RegisFlow.Domain.Integrity;

/// <summary>
/// The last link of a store's chain. New sales lock this row (SELECT ... FOR UPDATE), so two sales saved at once in one
/// store take their places one after the other; the verification also checks that the chain ends here.
/// </summary>
public class ChainHead
{
    public long Id { get; set; }
    public int StoreId { get; set; }

    /// <summary>Number of links (sales, deleted or purged ones included).</summary>
    public long Length { get; set; }

    /// <summary>Hash of the last link; <see cref="SaleSeal.Genesis"/> for an empty chain.</summary>
    public required byte[] Hash { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
