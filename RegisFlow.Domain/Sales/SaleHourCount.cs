namespace RegisFlow.Domain.Sales;

/// <summary>
/// How many sales a store recorded in one UTC hour. Kept by database triggers on <c>sales</c> (insert, delete, and the rare change
/// of store or time), so the history and the dashboard read exact totals per store and per period without counting the register.
/// </summary>
public class SaleHourCount
{
    public int StoreId { get; set; }

    /// <summary>The start of the hour, in UTC.</summary>
    public DateTimeOffset Hour { get; set; }

    public int Sales { get; set; }
}
