namespace RegisFlow.Domain.Sales;

/// <summary>Rules of the sale form, from the "RegisFlow:Sales" configuration section.</summary>
public sealed class SalesOptions
{
    public const string Section = "RegisFlow:Sales";

    /// <summary>Minimum age of a buyer of F2 articles on the sale date (the law says 16; the shops asked for 18).</summary>
    public int MinimumAgeF2 { get; set; } = 18;

    /// <summary>Minimum age of a buyer of F3 articles on the sale date.</summary>
    public int MinimumAgeF3 { get; set; } = 18;

    /// <summary>Largest quantity accepted on one line.</summary>
    public int MaxQuantityPerLine { get; set; } = 50;

    public int MinimumAge(FireworkCategory category) => category == FireworkCategory.F2 ? MinimumAgeF2 : MinimumAgeF3;
}
