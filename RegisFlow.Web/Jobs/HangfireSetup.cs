using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using RegisFlow.Domain;
using RegisFlow.Domain.Database;
using RegisFlow.Web.Features.Admin;

namespace RegisFlow.Web.Jobs;

/// <summary>RegisFlow:Jobs settings. RunServer=false leaves the jobs to another instance (and to tests) while the storage still works.</summary>
public sealed class JobsSettings
{
    public bool RunServer { get; set; } = true;
    public int WorkerCount { get; set; } = 2;
}

public static class HangfireSetup
{
    public const string DashboardPath = "/hangfire";
    public const string SchemaName = "hangfire";

    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RegisFlow:Jobs").Get<JobsSettings>() ?? new JobsSettings();
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddTransient<BackupJob>();
        services.AddTransient<PurgeJob>();
        services.AddTransient<BackupProofJob>();

        // Hangfire keeps its storage in a static; this app's own instance (on its own database) lives here so that several
        // hosts in one process (the tests) never read another one's storage. The connection string is read lazily:
        // the private PostgreSQL server starts only when it is first needed.
        services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(sp.GetRequiredService<DatabaseConnection>().ConnectionString, StorageOptions),
            StorageOptions));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogBridge(sp.GetRequiredService<ILoggerFactory>()))
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        if (settings.RunServer)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = settings.WorkerCount;
                o.ServerName = $"regisflow-{Environment.MachineName}-{Environment.ProcessId}";
            });
        }
        services.AddHealthChecks().AddCheck<JobsHealthCheck>("jobs", failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
        return builder;
    }

    private static PostgreSqlStorageOptions StorageOptions { get; } = new()
    {
        SchemaName = SchemaName,
        PrepareSchemaIfNecessary = true,
    };

    /// <summary>Registers the recurring jobs, the Hangfire dashboard (admins only) and the backup download.</summary>
    public static WebApplication MapJobs(this WebApplication app)
    {
        JobSchedule.Register(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<RegisFlowOptions>().BackupSchedule);
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            IsReadOnlyFunc = context => !AdminDashboardAuthorization.IsAdmin(context),
            DashboardTitle = "RegisFlow — tâches planifiées",
            AppPath = "/administration",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        app.MapBackupDownload();
        return app;
    }
}
