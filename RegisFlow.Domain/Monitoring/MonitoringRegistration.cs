using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain.Alerts;

namespace RegisFlow.Domain.Monitoring;

public static class MonitoringRegistration
{
    /// <summary>Metrics instruments, the error counter (a logger provider), job recording, alerts and their channels.</summary>
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(MonitoringOptions.From(builder.Configuration));
        services.AddMetrics();
        services.AddSingleton<RegisFlowMetrics>();
        services.AddSingleton<ErrorCounter>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<ErrorCounter>());
        services.AddSingleton<JobRecorder>();
        services.AddHttpClient(WebhookAlertChannel.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<IAlertChannel, WebhookAlertChannel>();
        services.AddSingleton<IAlertChannel, EmailAlertChannel>();
        services.AddSingleton<AlertService>();
        services.TryAddSingleton<MemoryProbe>();
        services.AddSingleton<BackupFreshness>();
        services.AddSingleton<AlertMonitor>();
        services.AddSingleton<ResourceGauges>();
        return builder;
    }
}
