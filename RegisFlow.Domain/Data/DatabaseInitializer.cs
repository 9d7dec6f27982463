using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Data;

public static class DatabaseInitializer
{
    public const string DefaultStoreName = "Magasin Principal";
    public const string DefaultAdminUserName = "admin";
    public const string DefaultAdminPassword = "admin123";

    // Any constant shared by every instance: they queue on it so only one migrates and seeds at a time.
    private const long MigrationLockKey = 0x5265_6769_7346_6C6F;

    /// <summary>Applies the migrations and seeds the first store and admin, holding a PostgreSQL advisory lock so that app instances starting together do not race.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer).FullName!);

        await using var db = await factory.CreateDbContextAsync(ct);
        var connectionString = db.Database.GetConnectionString();
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(ct);
        await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({MigrationLockKey})", ct);
        try
        {
            await MigrateAsync(db, logger, ct);
            await SeedAsync(db, clock, logger, ct);
            await ChainExistingSalesAsync(factory, clock, logger, ct);
        }
        finally
        {
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static async Task MigrateAsync(RegisFlowDbContext db, ILogger logger, CancellationToken ct)
    {
        // EF reads its history table before creating it, which logs an error on a new database: create it first.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        if (pending > 0)
        {
            logger.LogInformation("Mise à jour de la base de données ({Count} migration(s) à appliquer)...", pending);
        }
        await db.Database.MigrateAsync(ct);
    }

    private static async Task SeedAsync(RegisFlowDbContext db, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var store = await db.Stores.FirstOrDefaultAsync(s => s.Name == DefaultStoreName, ct);
        if (store is null)
        {
            store = new Store { Name = DefaultStoreName, CreatedAt = now, UpdatedAt = now };
            db.Stores.Add(store);
        }
        var admin = new User
        {
            UserName = DefaultAdminUserName,
            NormalizedUserName = User.Normalize(DefaultAdminUserName),
            FirstName = "Administrateur",
            LastName = "RegisFlow",
            Role = UserRole.Admin,
            PasswordHash = "",
            MustChangePassword = true,
            SecurityStamp = PasswordHashing.NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        admin.PasswordHash = PasswordHashing.Hash(admin, DefaultAdminPassword);
        db.Users.Add(admin);
        db.AuditEvents.Add(AuditLog.For(null, AuditActions.AdminSeeded, now, new { userName = DefaultAdminUserName, store = DefaultStoreName }));
        await db.SaveChangesAsync(ct);
        logger.LogWarning(
            "Premier démarrage : magasin « {Store} » et compte {UserName} / {Password} créés ; le mot de passe devra être changé à la première connexion",
            DefaultStoreName, DefaultAdminUserName, DefaultAdminPassword);
    }

    /// <summary>Sales recorded before the register was chained (or restored from an older backup) get their chain once, at start.</summary>
    private static async Task ChainExistingSalesAsync(IDbContextFactory<RegisFlowDbContext> factory, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        var chained = await SaleChain.SealUnchainedAsync(factory, clock, logger, ct);
        if (chained > 0)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.AuditEvents.Add(AuditLog.For(null, AuditActions.SalesChained, clock.GetUtcNow(), new { chained }));
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
