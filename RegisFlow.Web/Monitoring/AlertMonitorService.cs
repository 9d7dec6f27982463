using RegisFlow.Domain.Monitoring;

namespace RegisFlow.Web.Monitoring;

/// <summary>Runs the alert conditions every minute (RegisFlow:Monitoring:RunMonitor=false turns it off, as the tests do).</summary>
public sealed class AlertMonitorService(AlertMonitor monitor, TimeProvider clock, ILogger<AlertMonitorService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Period, clock, stoppingToken);
                await monitor.EvaluateAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Database down: /health says so; the monitor tries again next minute.
                logger.LogWarning("Surveillance des alertes impossible : {Reason}", e.Message);
            }
        }
    }
}
