using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using RegisFlow.Domain.Audit;

namespace RegisFlow.Web.Features.Audit;

/// <summary>What the journal's filter bar edits, turned into the domain's <see cref="AuditQuery"/> and into the CSV link's query string.</summary>
public sealed class AuditFilters
{
    private const string DateFormat = "yyyy-MM-dd";

    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string? User { get; set; }
    public int? StoreId { get; set; }
    public string? Action { get; set; }

    public AuditQuery ToQuery() => new(
        From is { } from ? DateOnly.FromDateTime(from) : null,
        To is { } to ? DateOnly.FromDateTime(to) : null,
        string.IsNullOrWhiteSpace(User) ? null : User.Trim(),
        StoreId,
        Action);

    public static string CsvUrl(AuditQuery query) => QueryHelpers.AddQueryString(AuditEndpoints.CsvPath, new Dictionary<string, string?>
    {
        ["from"] = query.From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["to"] = query.To?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["user"] = query.User,
        ["store"] = query.StoreId?.ToString(CultureInfo.InvariantCulture),
        ["action"] = query.Action,
    }.Where(p => p.Value is not null));

    /// <summary>The filters of a CSV link; null (with a French message) when a value cannot be understood.</summary>
    public static AuditQuery? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        DateOnly? from = null, to = null;
        int? store = null;
        if (Value(query, "from") is { } f)
        {
            if (!DateOnly.TryParseExact(f, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                error = "Date de début invalide (attendu : AAAA-MM-JJ).";
                return null;
            }
            from = day;
        }
        if (Value(query, "to") is { } t)
        {
            if (!DateOnly.TryParseExact(t, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                error = "Date de fin invalide (attendu : AAAA-MM-JJ).";
                return null;
            }
            to = day;
        }
        if (Value(query, "store") is { } s)
        {
            if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                error = "Magasin invalide.";
                return null;
            }
            store = id;
        }
        return new AuditQuery(from, to, Value(query, "user"), store, Value(query, "action"));
    }

    private static string? Value(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;
}
