using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Health;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Integrity;

namespace RegisFlow.Domain;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddRegisFlowDomain(this IHostApplicationBuilder builder)
    {
        var options = RegisFlowOptions.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        var configured = DatabaseUrl.ConfiguredConnectionString(builder.Configuration);
        if (configured is null)
        {
            // Registered before everything else so that it stops last, after the job server.
            services.AddSingleton<PrivatePostgresLifetime>();
            services.AddHostedService(sp => sp.GetRequiredService<PrivatePostgresLifetime>());
            services.AddSingleton(sp => new DatabaseConnection(
                sp.GetRequiredService<PrivatePostgresLifetime>().Server.ConnectionString(PrivatePostgresLifetime.DatabaseName), IsPrivateServer: true));
        }
        else
        {
            services.AddSingleton(new DatabaseConnection(configured, IsPrivateServer: false));
        }

        services.AddDbContextFactory<RegisFlowDbContext>((sp, db) => db
            .UseNpgsql(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
            .UseSnakeCaseNamingConvention());

        builder.AddMonitoring();
        services.AddUsersAndStores();
        builder.AddBackupsAndPurge(options);
        builder.AddPhotos(options);

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<DiskSpaceHealthCheck>("disk");

        services.AddSales(builder.Configuration);
        services.AddHistory();
        services.AddIntegrity();
        services.AddSingleton<Suspicious.SuspiciousAttemptService>();
        return builder;
    }
}
