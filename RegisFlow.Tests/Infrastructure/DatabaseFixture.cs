using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RegisFlow.Domain;
using RegisFlow.Domain.Data;
using Respawn;

namespace RegisFlow.Tests.Infrastructure;

/// <summary>
/// A fresh database per test class, created empty on the run's server, migrated and seeded through the app's
/// own start-up code. <see cref="ResetAsync"/> empties it again (and re-seeds) between tests that need it.
/// </summary>
public class DatabaseFixture : IAsyncLifetime
{
    private Respawner? _respawner;

    public string DatabaseName { get; } = "test_" + Guid.NewGuid().ToString("N")[..16];
    public string ConnectionString => TestPostgres.ConnectionString(DatabaseName);
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("regisflow-data-").FullName;
    public IServiceProvider Services { get; private set; } = null!;

    protected virtual bool Migrate => true;

    public async Task InitializeAsync()
    {
        await TestPostgres.ExecuteAsync("postgres", $"CREATE DATABASE \"{DatabaseName}\"");
        Services = BuildServices();
        if (Migrate)
        {
            await Services.InitializeDatabaseAsync();
        }
    }

    /// <summary>The domain's services, wired as the app wires them, on this fixture's database and fake clock.</summary>
    public IServiceProvider BuildServices(Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration["ConnectionStrings:RegisFlow"] = ConnectionString;
        builder.Configuration["RegisFlow:DataDirectory"] = DataDirectory;
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddRegisFlowDomain();
        configure?.Invoke(builder.Services);
        return builder.Services.BuildServiceProvider();
    }

    public async Task<RegisFlowDbContext> CreateDbContextAsync() =>
        await Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync();

    /// <summary>Empties every register table and seeds the first store and admin again.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // The audit trail's triggers refuse to empty it; a test database is wiped as its superuser, triggers off.
        await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await replica.ExecuteNonQueryAsync();
        }
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory"],
            WithReseed = true,
        });
        await _respawner.ResetAsync(connection);
        await Services.InitializeDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (Services is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>An empty database, for tests of the migrations themselves.</summary>
public sealed class EmptyDatabaseFixture : DatabaseFixture
{
    protected override bool Migrate => false;
}
