namespace RegisFlow.Benchmarks.Data;

/// <summary>
/// When the sales were made: shop hours (9:00 to 19:30, Paris time) over the last 24 months, busier before the 14th of July and
/// New Year's Eve. Exactly <c>expired</c> of them fall before the retention cutoff (with a margin), so the purge has a known size.
/// </summary>
internal static class SaleTimes
{
    public const int Months = 24;

    public static DateTimeOffset[] Generate(int count, int expired, DateTimeOffset now, int retentionMonths, TimeZoneInfo zone, Random random)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = today.AddMonths(-Months);
        var cutoff = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now.AddMonths(-retentionMonths), zone).DateTime);
        var times = new DateTimeOffset[count];
        Fill(times.AsSpan(0, expired), first, cutoff.AddDays(-2), zone, random, now);
        Fill(times.AsSpan(expired), cutoff.AddDays(2), today, zone, random, now);
        Array.Sort(times);
        return times;
    }

    private static void Fill(Span<DateTimeOffset> times, DateOnly from, DateOnly to, TimeZoneInfo zone, Random random, DateTimeOffset now)
    {
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToArray();
        var cumulative = new double[days.Length];
        var total = 0.0;
        for (var i = 0; i < days.Length; i++)
        {
            cumulative[i] = total += Weight(days[i]);
        }
        for (var i = 0; i < times.Length; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            var day = days[index < 0 ? ~index : index];
            var local = day.ToDateTime(new TimeOnly(9, 0)).AddSeconds(random.Next(0, 10 * 3600 + 1800));
            var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
            // Today's sales are all in the past: the app never holds a sale from the future.
            times[i] = utc < now.AddMinutes(-5) ? utc : now.AddMinutes(-5).AddSeconds(-random.Next(0, 3600 * 8));
        }
    }

    private static double Weight(DateOnly day) => (day.Month, day.Day) switch
    {
        (7, <= 14) or (6, >= 25) => 4.0,
        (12, >= 20) => 6.0,
        (1 or 2 or 3, _) => 0.6,
        _ => 1.0,
    } * (day.DayOfWeek is DayOfWeek.Saturday ? 1.6 : day.DayOfWeek is DayOfWeek.Sunday ? 0.5 : 1.0);
}
