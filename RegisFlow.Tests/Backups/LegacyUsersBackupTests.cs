using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

/// <summary>A backup taken while accounts had a single display name restores after the upgrade, its names split as the migration does.</summary>
public class LegacyUsersBackupTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task A_backup_with_display_names_restores_into_first_and_last_names()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261201111410_EncryptedPhotos");
        }
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, """
            INSERT INTO stores (id, name, address, is_active, created_at, updated_at) OVERRIDING SYSTEM VALUE
            VALUES (7, 'Magasin Ancien', '', true, now(), now());
            INSERT INTO users (id, user_name, normalized_user_name, display_name, role, store_id, is_active, password_hash,
                               must_change_password, security_stamp, created_at, updated_at) OVERRIDING SYSTEM VALUE
            VALUES (1, 'admin', 'ADMIN', 'Administrateur', 'Admin', NULL, true, 'x', false, 's1', now(), now()),
                   (5, 'jpm', 'JPM', 'Jean-Pierre Martin', 'Employee', 7, true, 'x', false, 's5', now(), now());
            """);
        var directory = fixture.NewBackupDirectory();
        var services = fixture.WithBackupDirectory(directory);
        var backup = await services.GetRequiredService<BackupService>().CreateAsync(Admin);

        // The upgrade, then the accounts change before the old backup is put back.
        await fixture.Services.InitializeDatabaseAsync();
        await TestPostgres.ExecuteAsync(fixture.DatabaseName,
            "UPDATE users SET first_name = 'Autre', last_name = 'Nom' WHERE id = 5; "
            + "INSERT INTO users (id, user_name, normalized_user_name, first_name, last_name, role, store_id, is_active, password_hash, "
            + "must_change_password, security_stamp, created_at, updated_at) OVERRIDING SYSTEM VALUE "
            + "VALUES (9, 'apres', 'APRES', 'Créé', 'Après', 'Employee', 7, true, 'x', false, 's9', now(), now())");

        await services.GetRequiredService<RestoreService>().RestoreAsync(Admin, Path.Combine(directory, backup.FileName));

        await using var restored = await fixture.CreateDbContextAsync();
        var users = await restored.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.UserName, u.FirstName, u.LastName, u.StoreId }).ToListAsync();
        Assert.Equal(
            [
                new { Id = 1, UserName = "admin", FirstName = "Administrateur", LastName = "Administrateur", StoreId = (int?)null },
                new { Id = 5, UserName = "jpm", FirstName = "Jean-Pierre", LastName = "Martin", StoreId = (int?)7 },
            ],
            users);
        // The identity sequence follows the restored ids.
        await TestPostgres.ExecuteAsync(fixture.DatabaseName,
            "INSERT INTO users (user_name, normalized_user_name, first_name, last_name, role, is_active, password_hash, must_change_password, "
            + "security_stamp, created_at, updated_at) VALUES ('suivant', 'SUIVANT', 'Léa', 'Suivante', 'Admin', true, 'x', false, 's', now(), now())");
        Assert.Equal(6, (await restored.Users.SingleAsync(u => u.UserName == "suivant")).Id);
    }
}
