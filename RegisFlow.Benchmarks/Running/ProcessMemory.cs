using System.Globalization;

namespace RegisFlow.Benchmarks.Running;

/// <summary>Resident memory of a process from /proc: current (VmRSS) and peak since the last reset (VmHWM).</summary>
internal sealed class ProcessMemory(int pid)
{
    public double RssMb() => ReadKb("VmRSS:") / 1024.0;

    public double PeakMb() => ReadKb("VmHWM:") / 1024.0;

    /// <summary>Starts a new peak from the current RSS (Linux: "5" written to clear_refs).</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private long ReadKb(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
