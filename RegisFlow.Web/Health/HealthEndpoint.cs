using Microsoft.Extensions.Diagnostics.HealthChecks;
using RegisFlow.Web.Monitoring;

namespace RegisFlow.Web.Health;

public static class HealthEndpoint
{
    public const string LivePath = "/health/live";

    /// <summary>
    /// GET /health/live: the process answers (no database call), for container checks.
    /// GET /health: the shared result; 503 when the database does not answer. Anonymous callers get the status and
    /// its time only; administrators, the monitoring networks and the monitoring token also get the details.
    /// </summary>
    public static WebApplication MapRegisFlowHealth(this WebApplication app)
    {
        app.MapGet(LivePath, (TimeProvider clock) => Results.Json(new { status = "alive", timestamp = clock.GetUtcNow() }))
            .DisableHttpMetrics();
        app.MapGet("/health", WriteAsync).DisableHttpMetrics();
        return app;
    }

    private static async Task WriteAsync(HttpContext context, HealthSnapshot snapshot, MonitoringAccess access)
    {
        var result = await snapshot.GetAsync();
        var details = context.User.IsInRole("Admin") || access.IsAllowed(context);
        context.Response.StatusCode = result.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(details ? result.Detailed : result.Brief);
    }
}
