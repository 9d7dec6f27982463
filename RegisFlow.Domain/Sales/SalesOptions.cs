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

    /// <summary>
    /// Usual validity of each ID document, in years from its issue date: older, the form warns (without refusing) that it may have
    /// expired. A type left out is not checked.
    /// </summary>
    public Dictionary<IdDocumentType, int> IdValidityYears { get; set; } = new()
    {
        [IdDocumentType.NationalIdCard] = 15,
        [IdDocumentType.Passport] = 10,
        [IdDocumentType.DrivingLicence] = 15,
        [IdDocumentType.ResidencePermit] = 10,
    };

    public int MinimumAge(FireworkCategory category) => category == FireworkCategory.F2 ? MinimumAgeF2 : MinimumAgeF3;
}
