using RegisFlow.Domain;

namespace RegisFlow.Web.Jobs;

/// <summary>The domain with the web app's own configuration (same environment variables, same --Clé=valeur), for the
/// commands run beside it on the server: restore, reset-password.</summary>
public static class CommandLineHost
{
    /// <summary>Null, with the reason written, when a key the domain needs is missing or malformed.</summary>
    public static async Task<HostApplicationBuilder?> BuildAsync(IEnumerable<string> settings, TextWriter output)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. settings],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            // The command prints its own outcome; the job's log line would say it twice.
            ["Logging:LogLevel:RegisFlow.Domain.Monitoring.JobRecorder"] = "None",
            // The app may be running on the same private PostgreSQL: the command must not stop it when it ends.
            ["RegisFlow:LeaveFoundPostgresRunning"] = "true",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        try
        {
            builder.AddRegisFlowDomain();
            return builder;
        }
        catch (InvalidOperationException e)
        {
            // Missing or malformed backup or photo key: the message says what to do.
            await output.WriteLineAsync(e.Message);
            return null;
        }
    }
}
