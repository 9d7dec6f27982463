using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RegisFlow.Domain.Data;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Foundation;

/// <summary>Accounts of before get a first and a last name from their display name: the last word is the last name.</summary>
public class UserNamesMigrationTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task The_display_name_is_split_into_first_and_last_name_and_a_single_word_goes_to_both()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261201111410_EncryptedPhotos");
        }
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, """
            INSERT INTO users (user_name, normalized_user_name, display_name, role, is_active, password_hash, must_change_password,
                               security_stamp, created_at, updated_at)
            SELECT v.name, upper(v.name), v.display, 'Admin', true, 'x', false, 's', now(), now()
            FROM (VALUES (1, 'jpm', 'Jean-Pierre Martin'), (2, 'admin', 'Administrateur'),
                         (3, 'mcd', '  Marie Claire   Dupont '), (4, 'vide', '   ')) AS v(n, name, display)
            ORDER BY v.n;
            """);

        await fixture.Services.InitializeDatabaseAsync();

        await using var migrated = await fixture.CreateDbContextAsync();
        var users = await migrated.Users.OrderBy(u => u.Id).Select(u => new { u.UserName, u.FirstName, u.LastName }).ToListAsync();
        Assert.Equal(
            [
                new { UserName = "jpm", FirstName = "Jean-Pierre", LastName = "Martin" },
                new { UserName = "admin", FirstName = "Administrateur", LastName = "Administrateur" },
                new { UserName = "mcd", FirstName = "Marie Claire", LastName = "Dupont" },
                new { UserName = "vide", FirstName = "vide", LastName = "vide" },
            ],
            users);
        Assert.Equal("Jean-Pierre Martin", (await migrated.Users.SingleAsync(u => u.UserName == "jpm")).DisplayName);
        // Neither name may be blank from now on, whoever writes the row.
        var blank = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            TestPostgres.ExecuteAsync(fixture.DatabaseName, "UPDATE users SET last_name = ' ' WHERE user_name = 'jpm'"));
        Assert.Equal("ck_users_names_not_blank", blank.ConstraintName);
    }
}
