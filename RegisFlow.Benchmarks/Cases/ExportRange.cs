using System.Globalization;
using Npgsql;
using RegisFlow.Domain;
using RegisFlow.Domain.Exports;

namespace RegisFlow.Benchmarks.Cases;

/// <summary>
/// History filters (days up to today, optionally a store and a payment method) that select about a wanted number of sales,
/// as a manager would narrow an export. Counted in SQL on the app's own day boundaries (<see cref="SaleFilters.StartOfDay"/>).
/// </summary>
internal sealed record ExportRange(DateOnly From, DateOnly To, int? StoreId, string? Payment, long Count)
{
    private static readonly TimeZoneInfo Zone = new RegisFlowOptions().Zone;

    public string Query(string format)
    {
        var query = $"/exports/{format}?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";
        query += StoreId is { } store ? $"&store={store.ToString(CultureInfo.InvariantCulture)}" : "";
        return query + (Payment is { } payment ? $"&payment={payment}" : "");
    }

    public string Describe() => $"{Count:N0} sales from {From:dd/MM/yyyy} to {To:dd/MM/yyyy}"
        + (StoreId is null ? ", every store" : $", store {StoreId}") + (Payment is null ? "" : $", paid by {Payment}");

    /// <summary>
    /// The filters whose count is closest to <paramref name="target"/> without passing <paramref name="max"/>; with
    /// <paramref name="photosOnly"/>, only days after the oldest sale with photos, so every exported sale has them.
    /// </summary>
    public static async Task<ExportRange> PickAsync(string connectionString, long target, long max, bool photosOnly)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).DateTime);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var earliest = today.AddDays(-400);
        if (photosOnly)
        {
            await using var oldest = new NpgsqlCommand("SELECT min(s.sold_at) FROM sales s WHERE EXISTS (SELECT 1 FROM sale_photos p WHERE p.sale_id = s.id)", connection);
            var first = (DateTime)(await oldest.ExecuteScalarAsync())!;
            earliest = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(first, DateTimeKind.Utc), Zone)).AddDays(1);
        }
        var counts = new List<(int Store, string Payment, DateOnly Day, long Count)>();
        await using (var command = new NpgsqlCommand("""
            SELECT store_id, payment_method, (sold_at AT TIME ZONE @zone)::date, count(*) FROM sales
            WHERE sold_at >= @since GROUP BY 1, 2, 3
            """, connection))
        {
            command.Parameters.AddWithValue("zone", Zone.Id);
            command.Parameters.AddWithValue("since", SaleFilters.StartOfDay(earliest, Zone));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts.Add((reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt64(3)));
            }
        }
        var stores = counts.Select(c => (int?)c.Store).Distinct().Prepend(null).ToList();
        var payments = counts.Select(c => c.Payment).Distinct().Prepend(null).ToList();
        ExportRange? best = null;
        foreach (var store in stores)
        {
            foreach (var payment in payments)
            {
                var perDay = counts.Where(c => (store is null || c.Store == store) && (payment is null || c.Payment == payment))
                    .GroupBy(c => c.Day).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
                long sum = 0;
                for (var day = today; day >= earliest; day = day.AddDays(-1))
                {
                    sum += perDay.GetValueOrDefault(day);
                    if (sum > max)
                    {
                        break;
                    }
                    var candidate = new ExportRange(day, today, store, payment, sum);
                    if (best is null || Math.Abs(sum - target) < Math.Abs(best.Count - target))
                    {
                        best = candidate;
                    }
                }
            }
        }
        return best ?? throw new InvalidOperationException("Aucune période ne donne ce nombre de ventes.");
    }
}
