using System.Globalization;

namespace RegisFlow.Benchmarks.Report;

/// <summary>Repeated measurements of one figure, with their median and 95th percentile (nearest rank).</summary>
internal sealed class Samples(Unit unit)
{
    private readonly List<double> _values = [];

    public Unit Unit => unit;
    public int Count => _values.Count;
    public IReadOnlyList<double> Values => _values;

    public void Add(double value) => _values.Add(value);

    public double Median => Percentile(50);
    public double P95 => Percentile(95);
    public double P99 => Percentile(99);
    public double Min => _values.Count == 0 ? double.NaN : _values.Min();
    public double Max => _values.Count == 0 ? double.NaN : _values.Max();

    public double Percentile(double percent)
    {
        if (_values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = _values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>"median 1.21 s, p95 1.60 s (min 0.91 s, max 1.60 s, 5 runs)".</summary>
    public string Summary() => Count == 0 ? "no run"
        : Count == 1 ? $"{Format(Median)} (1 run)"
        : $"median {Format(Median)}, p95 {Format(P95)} (min {Format(Min)}, max {Format(Max)}, {Count} runs)";

    public string Format(double value) => Units.Format(value, unit);
}

internal enum Unit
{
    Milliseconds,
    Megabytes,
    PerSecond,
}

internal static class Units
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(double value, Unit unit) => unit switch
    {
        _ when double.IsNaN(value) => "—",
        Unit.Milliseconds when value < 1000 => value.ToString("0", Invariant) + " ms",
        Unit.Milliseconds => (value / 1000).ToString(value < 10_000 ? "0.00" : "0.0", Invariant) + " s",
        Unit.Megabytes => value.ToString(value < 10 ? "0.00" : "0", Invariant) + " MB",
        _ => value.ToString("0", Invariant) + "/s",
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.GetCultureInfo("en-US"));

    public static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
