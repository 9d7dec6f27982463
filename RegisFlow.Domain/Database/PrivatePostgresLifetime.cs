using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RegisFlow.Domain.Database;

/// <summary>
/// Starts the private server the first time the connection string is needed and stops it with the app
/// (or, as a last resort, when the process exits).
/// </summary>
public sealed class PrivatePostgresLifetime(RegisFlowOptions options, ILogger<PrivatePostgresLifetime> logger) : IHostedService
{
    public const string DatabaseName = "regisflow";

    private readonly Lock _gate = new();
    private PrivatePostgresServer? _server;

    public PrivatePostgresServer Server
    {
        get
        {
            lock (_gate)
            {
                if (_server is null)
                {
                    logger.LogInformation("Aucun serveur PostgreSQL configuré : démarrage du serveur privé, dossier de données {DataDirectory}", options.DataDirectory);
                    _server = PrivatePostgresServer.StartAsync(options.DataDirectory, options.PostgresBinDirectory, DatabaseName, logger).GetAwaiter().GetResult();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync(CancellationToken.None).GetAwaiter().GetResult();
                }
                return _server;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        _server is null || (_server.WasAlreadyRunning && options.LeaveFoundPostgresRunning) ? Task.CompletedTask : _server.StopAsync();
}
