using RegisFlow.Domain.Exports;

namespace RegisFlow.Domain.Purge;

/// <summary>
/// How long a sale stays, in the shops' dates (Europe/Paris). A sale made on day D is kept through the same day number
/// <c>months</c> later (the month's last day when that month is shorter), and erased by the first purge of the day after: with
/// 18 months, a sale of 15 March 2025 is kept through 15 September 2026 and erased in the night of 15 to 16 September 2026;
/// one of 31 August 2025 is kept through 28 February 2027. Backups and audit details follow the same rule.
/// </summary>
public static class RetentionRule
{
    /// <summary>Article R.557-6-14-2 of the Code de l'environnement: the personal data of a sale is erased after eighteen months.</summary>
    public const int LegalMonths = 18;

    /// <summary>The last day a sale of <paramref name="day"/> is kept.</summary>
    public static DateOnly KeptThrough(DateOnly day, int months) => day.AddMonths(months);

    public static bool IsExpired(DateOnly day, DateOnly today, int months) => KeptThrough(day, months) < today;

    /// <summary>The newest day whose sales are erased on <paramref name="today"/>.</summary>
    public static DateOnly LastExpiredDay(DateOnly today, int months)
    {
        // One day before today, months back, is always expired; the days after it may be too when months end earlier.
        var day = today.AddDays(-1).AddMonths(-months);
        while (IsExpired(day.AddDays(1), today, months))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>What was made before this instant (midnight, shop time, starting the first day still kept) is erased at <paramref name="now"/>.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, TimeZoneInfo zone, int months)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return SaleFilters.StartOfDay(LastExpiredDay(today, months).AddDays(1), zone);
    }
}
