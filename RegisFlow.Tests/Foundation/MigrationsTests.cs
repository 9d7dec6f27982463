using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Foundation;

public class MigrationsTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_seed_one_store_and_an_admin_who_must_change_password_even_when_two_instances_start_together()
    {
        var secondInstance = fixture.BuildServices();

        await Task.WhenAll(fixture.Services.InitializeDatabaseAsync(), secondInstance.InitializeDatabaseAsync());

        await using var db = await fixture.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        foreach (var table in new[] { "stores", "users", "sales", "sale_lines", "sale_photos", "audit_events", "login_attempts" })
        {
            Assert.Contains(table, tables);
        }
        var store = Assert.Single(await db.Stores.ToListAsync());
        Assert.Equal("Magasin Principal", store.Name);
        var admin = Assert.Single(await db.Users.ToListAsync());
        Assert.Equal("admin", admin.UserName);
        Assert.Equal(UserRole.Admin, admin.Role);
        Assert.True(admin.MustChangePassword);
        Assert.True(PasswordHashing.Verify(admin, "admin123"));
        Assert.DoesNotContain("admin123", admin.PasswordHash, StringComparison.Ordinal);
        await ((IAsyncDisposable)secondInstance).DisposeAsync();
    }
}
