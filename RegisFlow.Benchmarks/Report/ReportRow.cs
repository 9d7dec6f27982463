namespace RegisFlow.Benchmarks.Report;

/// <summary>One line of the table in docs/performance.md: a missed target stays there with its figure.</summary>
internal sealed record ReportRow(string What, string Measured, string Target, bool? Met, string Notes = "")
{
    public string Verdict => Met switch
    {
        true => "met",
        false => "**missed**",
        null => "—",
    };

    /// <summary>A timed figure whose p95 is held against a target in milliseconds.</summary>
    public static ReportRow Timed(string what, Samples samples, double targetMs, string target, string notes = "") =>
        new(what, samples.Summary(), target, samples.Count == 0 ? null : samples.P95 <= targetMs, notes);

    public static ReportRow Failed(string what, string target, Exception error) =>
        new(what, "failed: " + error.Message.Split('\n')[0].Trim(), target, false);
}
