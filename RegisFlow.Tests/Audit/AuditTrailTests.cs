using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Integrity;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Audit;

/// <summary>The audit trail only grows, and what it records is saved with the change it records.</summary>
public class AuditTrailTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("UPDATE audit_events SET action = 'logout' WHERE id = {0}")]
    [InlineData("UPDATE audit_events SET occurred_at = occurred_at - interval '1 day' WHERE id = {0}")]
    [InlineData("UPDATE audit_events SET user_name = 'quelqu''un' WHERE id = {0}")]
    [InlineData("UPDATE audit_events SET details = '{{\"saleNumber\": 1}}' WHERE id = {0}")]
    [InlineData("DELETE FROM audit_events WHERE id = {0}")]
    [InlineData("TRUNCATE audit_events")]
    public async Task The_database_refuses_to_change_delete_or_empty_an_audit_row(string sql)
    {
        long id;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            var row = AuditLog.For(Admin with { ClientAddress = "10.0.0.7" }, AuditActions.SaleDeleted, fixture.Clock.GetUtcNow(),
                new { saleNumber = 12, reason = "Doublon" }, "Sale", "12", 1);
            db.AuditEvents.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }
        var before = await DumpAsync(fixture.ConnectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            TestPostgres.ExecuteAsync(fixture.DatabaseName, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, id)));

        Assert.Contains("Le journal d'audit ne peut être ni modifié ni effacé", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(before["audit_events"], (await DumpAsync(fixture.ConnectionString))["audit_events"]);
    }

    [Fact]
    public async Task Opening_a_sale_s_details_and_viewing_its_photo_are_recorded_with_the_sale_s_number_and_store()
    {
        var number = await fixture.Services.RecordAsync(1, "Martin");
        var manager = new Caller(1, "admin", "Administrateur", UserRole.Manager, 1, "10.0.0.9");
        var history = fixture.Services.GetRequiredService<SaleHistoryService>();

        var sale = await history.GetAsync(manager, number);
        await history.GetPhotoAsync(manager, sale!.Photos[0].Id);

        await using var db = await fixture.CreateDbContextAsync();
        var viewed = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.SaleViewed);
        Assert.Equal(("Sale", number.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, "admin", "10.0.0.9"),
            (viewed.TargetType, viewed.TargetId, viewed.StoreId, viewed.UserName, viewed.ClientAddress));
        var photo = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.PhotoViewed);
        Assert.Contains("IdFront", photo.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Martin", viewed.Details + photo.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_account_whose_audit_row_cannot_be_saved_is_not_created_either()
    {
        // A user name longer than the audit trail keeps: the row fails after the account was inserted, in the same transaction.
        var caller = Admin with { UserName = new string('a', 150) };
        var input = new UserInput { UserName = "nouveau", FirstName = "Nouveau", LastName = "Vendeur", Role = UserRole.Employee, StoreId = 1, IsActive = true };

        await Assert.ThrowsAsync<DbUpdateException>(() => fixture.Services.GetRequiredService<UserService>().CreateAsync(caller, input));

        await using var db = await fixture.CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "nouveau"));
    }

    [Fact]
    public async Task A_new_store_whose_audit_row_cannot_be_saved_is_not_created_either()
    {
        var caller = Admin with { UserName = new string('a', 150) };

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            fixture.Services.GetRequiredService<StoreService>().CreateAsync(caller, new StoreInput { Name = "Magasin fantôme", IsActive = true }));

        await using var db = await fixture.CreateDbContextAsync();
        Assert.False(await db.Stores.AnyAsync(s => s.Name == "Magasin fantôme"));
    }
}
