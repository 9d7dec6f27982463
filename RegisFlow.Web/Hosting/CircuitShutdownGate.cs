namespace RegisFlow.Web.Hosting;

/// <summary>
/// Lets the app stop at once while tablets are connected. On SIGTERM SignalR closes the circuits' connections, the
/// browsers reconnect straight away, and a connection accepted before Kestrel stops listening keeps the shutdown waiting
/// for the whole shutdown timeout, after which Hangfire's stop is cancelled and the process aborts with code 134
/// (dotnet/aspnetcore#58947). Circuit requests are refused with 503 once stopping has begun, and those already open end
/// with the app.
/// </summary>
public static class CircuitShutdownGate
{
    private const string CircuitPath = "/_blazor";

    public static WebApplication UseCircuitShutdownGate(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(CircuitPath))
            {
                await next(context);
                return;
            }
            if (stopping.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            using var endWithTheApp = stopping.Register(context.Abort);
            await next(context);
        });
        return app;
    }
}
