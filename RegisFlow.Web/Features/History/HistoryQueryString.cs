using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Web.Features.History;

/// <summary>The history filters as a query string (from, to, category, payment, q, store), so an export link carries exactly the page's filters.</summary>
public static class HistoryQueryString
{
    private const string DateFormat = "yyyy-MM-dd";

    public static string ExportUrl(ExportFormat format, SaleExportQuery query)
    {
        var values = new Dictionary<string, string?>();
        Add(values, "from", query.From?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(values, "to", query.To?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(values, "category", query.Category?.ToString());
        Add(values, "payment", query.Payment?.ToString());
        Add(values, "q", string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim());
        Add(values, "store", query.StoreId?.ToString(CultureInfo.InvariantCulture));
        return QueryHelpers.AddQueryString($"/exports/{format.ToString().ToLowerInvariant()}", values);
    }

    /// <summary>Reads the filters back; null (with a French message) when a value cannot be understood.</summary>
    public static SaleExportQuery? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        DateOnly? from = null, to = null;
        FireworkCategory? category = null;
        PaymentMethod? payment = null;
        int? store = null;
        if (Value(query, "from") is { } f)
        {
            if (!DateOnly.TryParseExact(f, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                error = "Date de début invalide (attendu : AAAA-MM-JJ).";
                return null;
            }
            from = d;
        }
        if (Value(query, "to") is { } t)
        {
            if (!DateOnly.TryParseExact(t, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                error = "Date de fin invalide (attendu : AAAA-MM-JJ).";
                return null;
            }
            to = d;
        }
        if (Value(query, "category") is { } c)
        {
            if (!Enum.TryParse<FireworkCategory>(c, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(c, out _))
            {
                error = "Catégorie invalide.";
                return null;
            }
            category = parsed;
        }
        if (Value(query, "payment") is { } p)
        {
            if (!Enum.TryParse<PaymentMethod>(p, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(p, out _))
            {
                error = "Moyen de paiement invalide.";
                return null;
            }
            payment = parsed;
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
        var search = new SaleExportQuery(Search: Value(query, "q"));
        if (search.SearchProblem is { } problem)
        {
            error = "Recherche (q) : " + problem;
            return null;
        }
        return search with { From = from, To = to, Category = category, Payment = payment, StoreId = store };
    }

    private static string? Value(IQueryCollection query, string key)
    {
        var value = query[key].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static void Add(Dictionary<string, string?> values, string key, string? value)
    {
        if (value is not null)
        {
            values[key] = value;
        }
    }
}
