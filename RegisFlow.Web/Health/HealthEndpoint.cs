using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RegisFlow.Web.Health;

public static class HealthEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string Version =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    /// <summary>GET /health: 200 while the database answers, 503 and "unhealthy" when it does not.</summary>
    public static WebApplication MapRegisFlowHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            AllowCachingResponses = false,
        }).DisableHttpMetrics();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var body = new Dictionary<string, object?>
        {
            ["status"] = Status(report.Status),
            ["timestamp"] = DateTimeOffset.UtcNow,
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
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
