using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Exports;

/// <summary>
/// The filters of the history page, shared by its list and its exports so that an export holds exactly what the page shows.
/// Dates are shop days (Europe/Paris), both ends included. <see cref="StoreId"/> is the store asked for (an admin's choice; null: every store an admin may read).
/// </summary>
public sealed record SaleExportQuery(
    DateOnly? From = null,
    DateOnly? To = null,
    FireworkCategory? Category = null,
    PaymentMethod? Payment = null,
    string? Search = null,
    int? StoreId = null)
{
    /// <summary>
    /// The first <see cref="TypedText.MaxSearchWords"/> words of the search box, normalised like <see cref="Sale.SearchText"/>;
    /// every word must match.
    /// </summary>
    public IReadOnlyList<string> SearchTerms() => AllSearchWords().Take(TypedText.MaxSearchWords).ToList();

    /// <summary>How many words of the search box are beyond the limit and ignored (the page says so).</summary>
    public int IgnoredSearchWords => Math.Max(0, AllSearchWords().Length - TypedText.MaxSearchWords);

    /// <summary>The French message when the search box holds a control character; null when it can be searched.</summary>
    public string? SearchProblem => TypedText.Problem(Search);

    /// <summary>Refuses a search with control characters (PostgreSQL cannot even compare them).</summary>
    public void ThrowIfInvalid()
    {
        if (SearchProblem is { } problem)
        {
            throw new InvalidInputException(nameof(Search), problem);
        }
    }

    private string[] AllSearchWords() => SearchText.Normalize(TypedText.Clean(Search)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool HasFilters => From is not null || To is not null || Category is not null || Payment is not null || SearchTerms().Count > 0;
}

public static class SaleFilters
{
    /// <summary>Applies the filters of <paramref name="query"/> (not the store scope: that is <c>VisibleTo</c>'s job).</summary>
    public static IQueryable<Sale> Matching(this IQueryable<Sale> sales, SaleExportQuery query, TimeZoneInfo zone)
    {
        if (query.From is { } from)
        {
            var start = StartOfDay(from, zone);
            sales = sales.Where(s => s.SoldAt >= start);
        }
        if (query.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1), zone);
            sales = sales.Where(s => s.SoldAt < end);
        }
        if (query.Category is { } category)
        {
            sales = sales.Where(s => s.Lines.Any(l => l.Category == category));
        }
        if (query.Payment is { } payment)
        {
            sales = sales.Where(s => s.PaymentMethod == payment);
        }
        foreach (var term in query.SearchTerms())
        {
            var pattern = "%" + EscapeLike(term) + "%";
            sales = sales.Where(s => EF.Functions.Like(s.SearchText, pattern, "\\"));
        }
        return sales;
    }

    /// <summary>The UTC instant at which <paramref name="day"/> starts in the shop's time zone.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);

    public static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
