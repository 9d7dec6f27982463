using System.Diagnostics;
using Npgsql;
using RegisFlow.Domain.Database;

namespace RegisFlow.Benchmarks.Report;

/// <summary>What the figures were measured on.</summary>
internal sealed record MachineInfo(
    int Cores, string CpuModel, double MemoryGb, double? CgroupLimitGb, string LoadAverage, string PostgresVersion,
    IReadOnlyList<(string Name, string Value)> PostgresSettings, string ChromiumVersion, string Commit)
{
    public static async Task<MachineInfo> ReadAsync(string connectionString, string chromiumVersion, string repository)
    {
        var meminfo = File.ReadAllText("/proc/meminfo");
        var total = MachineMemory.Limit(meminfo, null);
        var limited = MachineMemory.AvailableBytes();
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var settings = new List<(string, string)>();
        foreach (var name in new[] { "shared_buffers", "effective_cache_size", "work_mem", "maintenance_work_mem", "max_connections" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            settings.Add((name, (string)(await show.ExecuteScalarAsync())!));
        }
        await using var version = new NpgsqlCommand("SELECT split_part(version(), ' on ', 1)", connection);
        return new MachineInfo(
            Environment.ProcessorCount, cpu, total / Math.Pow(1024, 3), limited < total ? limited / Math.Pow(1024, 3) : null,
            File.ReadAllText("/proc/loadavg").Split(' ')[..3] is var load ? string.Join(" ", load) : "?",
            (string)(await version.ExecuteScalarAsync())!, settings, chromiumVersion, await CommitAsync(repository));
    }

    private static async Task<string> CommitAsync(string repository)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repository, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true })!;
            var commit = (await git.StandardOutput.ReadToEndAsync()).Trim();
            await git.WaitForExitAsync();
            return commit.Length > 0 ? commit : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
