using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Web.Features.History;

/// <summary>What the filter bar edits; turned into the domain's <see cref="SaleExportQuery"/> with the selected store.</summary>
public sealed class HistoryFilters
{
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public FireworkCategory? Category { get; set; }
    public PaymentMethod? Payment { get; set; }
    public string? Search { get; set; }

    public SaleExportQuery ToQuery(int? storeId) => new(
        From is { } from ? DateOnly.FromDateTime(from) : null,
        To is { } to ? DateOnly.FromDateTime(to) : null,
        Category,
        Payment,
        string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        storeId);
}
