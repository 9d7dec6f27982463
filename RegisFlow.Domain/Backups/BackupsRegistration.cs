using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RegisFlow.Domain.Admin;
using RegisFlow.Domain.Purge;

namespace RegisFlow.Domain.Backups;

public static class BackupsRegistration
{
    /// <summary>Backups, restore, purge and the administration figures. Refuses to start in Production without a backup key.</summary>
    public static IHostApplicationBuilder AddBackupsAndPurge(this IHostApplicationBuilder builder, RegisFlowOptions options)
    {
        var services = builder.Services;
        services.AddSingleton(BackupKey.Resolve(builder.Configuration, builder.Environment, options));
        services.AddSingleton<BackupService>();
        services.AddSingleton<RestoreService>();
        services.AddSingleton<BackupProofService>();
        services.AddSingleton<PurgeService>();
        services.AddSingleton<DashboardService>();
        return builder;
    }
}
