using System.Globalization;

namespace RegisFlow.Domain.Database;

/// <summary>
/// Memory settings for a PostgreSQL server sharing the machine with the app: sized from the memory the machine (or its
/// container's cgroup limit) gives, so the register's tables stay in memory instead of the 128 MB defaults.
/// The same rule is the advice given in the README for an external server.
/// </summary>
public sealed record PostgresMemorySettings(long SharedBuffersMb, long EffectiveCacheSizeMb, long WorkMemMb, long MaintenanceWorkMemMb)
{
    /// <summary>The private server's max_connections, which bounds how many sorts may each take work_mem at once.</summary>
    public const int MaxConnections = 200;

    /// <summary>
    /// shared_buffers an eighth of the memory (the rest is for the app, other work and the OS cache), from 128 MB up to 4 GB;
    /// effective_cache_size half of it; work_mem a quarter of it shared by all connections, from 4 to 64 MB;
    /// maintenance_work_mem (index builds, vacuum, restore) a thirty-second, from 64 MB up to 1 GB.
    /// </summary>
    public static PostgresMemorySettings For(long memoryBytes)
    {
        var mb = Math.Max(memoryBytes / (1024 * 1024), 256);
        return new PostgresMemorySettings(
            SharedBuffersMb: Math.Clamp(mb / 8, 128, 4096),
            EffectiveCacheSizeMb: Math.Max(mb / 2, 256),
            WorkMemMb: Math.Clamp(mb / 4 / MaxConnections, 4, 64),
            MaintenanceWorkMemMb: Math.Clamp(mb / 32, 64, 1024));
    }

    /// <summary>Settings for this machine, as limited by its container.</summary>
    public static PostgresMemorySettings ForThisMachine() => For(MachineMemory.AvailableBytes());

    /// <summary>The settings as server options: <c>-c shared_buffers=...MB</c> and so on.</summary>
    public string ServerOptions() => string.Join(' ', Pairs().Select(p => $"-c {p.Name}={p.Value}"));

    public IEnumerable<(string Name, string Value)> Pairs()
    {
        yield return ("shared_buffers", Mb(SharedBuffersMb));
        yield return ("effective_cache_size", Mb(EffectiveCacheSizeMb));
        yield return ("work_mem", Mb(WorkMemMb));
        yield return ("maintenance_work_mem", Mb(MaintenanceWorkMemMb));
    }

    private static string Mb(long value) => value.ToString(CultureInfo.InvariantCulture) + "MB";
}

/// <summary>How much memory this process's machine offers: physical memory, or less when a cgroup (container) limits it.</summary>
public static class MachineMemory
{
    public static long AvailableBytes() => Limit(
        ReadOrNull("/proc/meminfo"),
        ReadOrNull("/sys/fs/cgroup/memory.max") ?? ReadOrNull("/sys/fs/cgroup/memory/memory.limit_in_bytes"));

    /// <summary>The smaller of MemTotal (from /proc/meminfo) and the cgroup limit ("max" or a huge number: none).</summary>
    public static long Limit(string? meminfo, string? cgroupLimit)
    {
        var total = TotalFromMeminfo(meminfo) ?? 2L * 1024 * 1024 * 1024;
        return long.TryParse(cgroupLimit?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? Math.Min(total, limit)
            : total;
    }

    private static long? TotalFromMeminfo(string? meminfo)
    {
        var line = meminfo?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
