namespace RegisFlow.Domain.Monitoring;

/// <summary>How much memory the process uses, against which limit (the container's cgroup limit when there is one).</summary>
public sealed record MemoryReading(long UsedBytes, long LimitBytes, string LimitSource)
{
    public double Percent => LimitBytes <= 0 ? 0 : 100.0 * UsedBytes / LimitBytes;
}

/// <summary>Reads the process's memory and its limit; replaced in tests to play a memory that stays high.</summary>
public class MemoryProbe
{
    public virtual MemoryReading Read()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var used = process.WorkingSet64;
        if (CgroupLimit() is { } limit)
        {
            return new MemoryReading(used, limit, "cgroup");
        }
        return new MemoryReading(used, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "machine");
    }

    /// <summary>cgroup v2 memory.max, or v1 memory.limit_in_bytes; null when unlimited or not in a cgroup with a limit.</summary>
    private static long? CgroupLimit()
    {
        foreach (var path in new[] { "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes" })
        {
            try
            {
                if (File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), out var limit)
                    && limit > 0 && limit < GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 4L)
                {
                    // v1 writes a huge number for "no limit"; only a limit below the machine's memory is one.
                    return limit;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return null;
    }
}

public static class DiskSpace
{
    /// <summary>Free bytes where <paramref name="path"/> is (or would be created: the nearest existing parent).</summary>
    public static long? FreeBytes(string path)
    {
        var existing = new DirectoryInfo(path);
        while (existing is { Exists: false })
        {
            existing = existing.Parent;
        }
        return existing is null ? null : new DriveInfo(existing.FullName).AvailableFreeSpace;
    }

    /// <summary>The folders watched: the data folder and the backup folder.</summary>
    public static IReadOnlyList<(string Name, string Path)> Watched(RegisFlowOptions options) =>
        [("data", options.DataDirectory), ("backups", options.ResolvedBackupDirectory)];
}
