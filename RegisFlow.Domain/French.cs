using System.Globalization;

namespace RegisFlow.Domain;

/// <summary>The one rule for numbers in French text: "0 vente", "1 vente", "2 ventes", "1 000 400 ventes".</summary>
public static class French
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The word agreeing with <paramref name="count"/>: singular for 0 and 1, as French writes them.</summary>
    public static string Agree(long count, string singular, string plural) => Math.Abs(count) < 2 ? singular : plural;

    /// <summary>The number (grouped by thousands) followed by the agreeing word.</summary>
    public static string Count(long count, string singular, string plural) =>
        count.ToString("N0", Culture) + " " + Agree(count, singular, plural);
}
