using OpenTelemetry.Metrics;
using RegisFlow.Domain.Monitoring;

namespace RegisFlow.Web.Monitoring;

public static class MetricsSetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// OpenTelemetry metrics for Prometheus: HTTP requests, Blazor circuits, process CPU and memory, GC and runtime,
    /// the Npgsql connection pool, and the register's own meter. Also the alert monitor that runs every minute.
    /// </summary>
    public static WebApplicationBuilder AddRegisFlowMonitoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MonitoringAccess>();
        builder.Services.AddSingleton<SignInBurstLog>();
        builder.Services.AddSingleton<Health.HealthSnapshot>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Components.Server.Circuits")
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddMeter("Npgsql")
            .AddMeter(RegisFlowMetrics.MeterName)
            .AddPrometheusExporter());
        if (builder.Configuration.GetValue("RegisFlow:Monitoring:RunMonitor", true))
        {
            builder.Services.AddHostedService<AlertMonitorService>();
        }
        return builder;
    }

    /// <summary>GET /metrics (Prometheus text format), for the monitoring networks or the token only: 403 for anyone else.</summary>
    public static WebApplication MapRegisFlowMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<ResourceGauges>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == MetricsPath,
            path: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (!context.RequestServices.GetRequiredService<MonitoringAccess>().IsAllowed(context))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsync("Accès aux métriques réservé aux réseaux de supervision (MONITORING_NETWORKS) ou au jeton MONITORING_TOKEN.");
                    return;
                }
                await next(context);
            }),
            optionsName: null);
        return app;
    }
}
