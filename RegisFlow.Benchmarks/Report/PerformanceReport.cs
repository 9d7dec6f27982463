using System.Globalization;
using System.Text;

namespace RegisFlow.Benchmarks.Report;

/// <summary>Writes docs/performance.md: the machine, the command, the sizes, and every row with its figure and target.</summary>
internal static class PerformanceReport
{
    public static async Task WriteAsync(string path, MachineInfo machine, string command, IReadOnlyList<(string Name, string Value)> sizes,
        IReadOnlyList<ReportRow> rows, IReadOnlyList<string> notes, TimeSpan generation, TimeSpan total)
    {
        var text = new StringBuilder();
        text.AppendLine("# Performance of RegisFlow at a chain's scale");
        text.AppendLine();
        text.AppendLine("Written by `scripts/benchmark.sh` (project `RegisFlow.Benchmarks`); rerun it rather than editing this file.");
        text.AppendLine("Every figure is measured on a published build started in Production (`dotnet RegisFlow.Web.dll`) against the");
        text.AppendLine("benchmark's own private PostgreSQL server, each repeated and given as median and p95; the verdict compares the p95");
        text.AppendLine("(or the figure named in the target) with the target of issue 15. The machine is shared with other work:");
        text.AppendLine("treat the figures as upper bounds.");
        text.AppendLine();
        text.AppendLine("## Run");
        text.AppendLine();
        text.AppendLine($"- date: {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, commit `{machine.Commit}`");
        text.AppendLine($"- command: `{command}`");
        text.AppendLine($"- machine: {machine.Cores} cores ({machine.CpuModel}), {machine.MemoryGb:0.#} GB of memory"
            + (machine.CgroupLimitGb is { } limit ? $" (container limit {limit:0.#} GB)" : "") + $", load average at start {machine.LoadAverage}");
        text.AppendLine($"- {machine.PostgresVersion}; {string.Join(", ", machine.PostgresSettings.Select(s => $"`{s.Name}` = {s.Value}"))}");
        text.AppendLine($"- .NET {Environment.Version}, Chromium {machine.ChromiumVersion}");
        text.AppendLine($"- data generation {Units.Format(generation.TotalMilliseconds, Unit.Milliseconds)}, whole run {Units.Format(total.TotalMilliseconds, Unit.Milliseconds)}");
        text.AppendLine();
        text.AppendLine("## Sizes");
        text.AppendLine();
        foreach (var (name, value) in sizes)
        {
            text.AppendLine($"- {name}: {value}");
        }
        text.AppendLine();
        text.AppendLine("## Figures");
        text.AppendLine();
        text.AppendLine("| what | measured | target | verdict | notes |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine($"| {Cell(row.What)} | {Cell(row.Measured)} | {Cell(row.Target)} | {row.Verdict} | {Cell(row.Notes)} |");
        }
        if (notes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Notes");
            text.AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine($"- {note}");
            }
        }
        text.AppendLine();
        text.AppendLine(await HowToAsync());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text.ToString());
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>The fixed part of the page: how to run the benchmark and what each row measures.</summary>
    private static async Task<string> HowToAsync()
    {
        await using var stream = typeof(PerformanceReport).Assembly.GetManifestResourceStream("RegisFlow.Benchmarks.HowTo.md")
            ?? throw new InvalidOperationException("HowTo.md manquant.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
