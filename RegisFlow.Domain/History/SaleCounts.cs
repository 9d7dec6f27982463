using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.History;

/// <summary>
/// How many sales the history shows: exact from the hour counts the database keeps (<see cref="SaleHourCount"/>) when only the store and
/// dates are chosen; counted up to <see cref="CountLimit"/> when a search, a category or a payment method narrows them.
/// </summary>
internal sealed class SaleCounts(RegisFlowDbContext db, TimeZoneInfo zone)
{
    public const int CountLimit = 1_000;

    public Task<long> InScopeAsync(Caller caller, int? requestedStoreId, CancellationToken ct) =>
        Hours(caller, requestedStoreId).SumAsync(c => (long)c.Sales, ct);

    public async Task<SaleCount> MatchingAsync(Caller caller, SaleExportQuery query, IQueryable<Sale> filtered, long total, CancellationToken ct)
    {
        if (!query.HasFilters)
        {
            return new SaleCount(total, IsExact: true);
        }
        if (await FromHoursAsync(caller, query, ct) is { } counted)
        {
            return new SaleCount(counted, IsExact: true);
        }
        var count = await filtered.Take(CountLimit + 1).CountAsync(ct);
        return count > CountLimit ? new SaleCount(CountLimit, IsExact: false) : new SaleCount(count, IsExact: true);
    }

    /// <summary>The exact number, whatever the filters (an export states it on its cover).</summary>
    public async Task<long> ExactAsync(Caller caller, SaleExportQuery query, IQueryable<Sale> filtered, CancellationToken ct) =>
        await FromHoursAsync(caller, query, ct) ?? await filtered.LongCountAsync(ct);

    /// <summary>The number from the hour counts when only the store and dates are chosen; null when other filters apply.</summary>
    private async Task<long?> FromHoursAsync(Caller caller, SaleExportQuery query, CancellationToken ct)
    {
        if (query is { Category: null, Payment: null } && query.SearchTerms().Count == 0 && WholeHours(query) is var (start, end))
        {
            var hours = Hours(caller, query.StoreId);
            if (start is { } from)
            {
                hours = hours.Where(c => c.Hour >= from);
            }
            if (end is { } to)
            {
                hours = hours.Where(c => c.Hour < to);
            }
            return await hours.SumAsync(c => (long)c.Sales, ct);
        }
        return null;
    }

    private IQueryable<SaleHourCount> Hours(Caller caller, int? requestedStoreId)
    {
        var storeId = caller.ReadableStore(requestedStoreId);
        return storeId is null ? db.SaleHourCounts.AsNoTracking() : db.SaleHourCounts.AsNoTracking().Where(c => c.StoreId == storeId);
    }

    /// <summary>The UTC bounds of the chosen days when both fall on whole hours (always, for French time zones); null otherwise.</summary>
    private (DateTimeOffset? Start, DateTimeOffset? End)? WholeHours(SaleExportQuery query)
    {
        DateTimeOffset? start = query.From is { } from ? SaleFilters.StartOfDay(from, zone) : null;
        DateTimeOffset? end = query.To is { } to ? SaleFilters.StartOfDay(to.AddDays(1), zone) : null;
        static bool Whole(DateTimeOffset? at) => at is not { } value || value.Ticks % TimeSpan.TicksPerHour == 0;
        return Whole(start) && Whole(end) ? (start, end) : null;
    }
}
