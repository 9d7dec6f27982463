using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RegisFlow.Web.Health;

/// <summary>The two bodies of /health: status and time for anyone; the figures an operator needs for the others.</summary>
internal static class HealthJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string Version =
        typeof(HealthJson).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    public static byte[] Brief(HealthReport report, DateTimeOffset at) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["status"] = Status(report.Status), ["timestamp"] = at }, Json);

    public static byte[] Detailed(HealthReport report, DateTimeOffset at)
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var body = new Dictionary<string, object?>
        {
            ["status"] = Status(report.Status),
            ["timestamp"] = at,
            ["version"] = Version,
            ["uptimeSeconds"] = (long)(DateTime.Now - process.StartTime).TotalSeconds,
            ["memory"] = new
            {
                workingSetMb = process.WorkingSet64 / (1024 * 1024),
                gcHeapMb = GC.GetTotalMemory(false) / (1024 * 1024),
                availableMb = gc.TotalAvailableMemoryBytes / (1024 * 1024),
                usedPercent = Math.Round(100.0 * process.WorkingSet64 / gc.TotalAvailableMemoryBytes, 1),
            },
        };
        foreach (var (name, entry) in report.Entries)
        {
            var check = new Dictionary<string, object?>
            {
                ["status"] = Status(entry.Status),
                ["description"] = entry.Description,
            };
            foreach (var (key, value) in entry.Data)
            {
                check[key] = value;
            }
            body[name] = check;
        }
        return JsonSerializer.SerializeToUtf8Bytes(body, Json);
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
