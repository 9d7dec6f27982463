using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RegisFlow.Domain.Alerts;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Purge;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Integrity;

/// <summary>Each store's sales chained by SHA-256: what the application does keeps the chain whole, what is done behind its back breaks it where it was done.</summary>
public class ChainTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int MainStore = 1;

    private IntegrityService Integrity => fixture.Services.GetRequiredService<IntegrityService>();

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<long>> RecordAsync(int storeId, params string[] buyers)
    {
        var numbers = new List<long>();
        foreach (var buyer in buyers)
        {
            numbers.Add(await fixture.Services.RecordAsync(storeId, buyer));
        }
        return numbers;
    }

    private async Task<IReadOnlyList<AlertView>> OpenAlertsAsync() => await fixture.Services.GetRequiredService<AlertService>().OpenAsync(Admin);

    [Fact]
    public async Task A_fresh_register_verifies_store_by_store()
    {
        int other;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            other = (await TestSales.AddStoreAsync(db, "Magasin du Port")).Id;
        }
        await RecordAsync(MainStore, "Martin", "Bernard", "Petit");
        await RecordAsync(other, "Durand", "Leroy");

        var report = await Integrity.CheckAsync(Admin);

        Assert.True(report.Passed, report.Summary);
        Assert.Equal(5, report.SalesChecked);
        Assert.Equal([(MainStore, 3L), (other, 2L)], report.Stores.OrderBy(s => s.StoreId).Select(s => (s.StoreId, s.Length)));
        await using var check = await fixture.CreateDbContextAsync();
        var head = await check.ChainHeads.SingleAsync(h => h.StoreId == MainStore);
        var last = await check.Sales.Where(s => s.StoreId == MainStore).OrderByDescending(s => s.ChainPosition).FirstAsync();
        Assert.Equal(last.ChainHash, head.Hash);
        Assert.Equal(SaleSeal.Hex(head.Hash), report.Stores.Single(s => s.StoreId == MainStore).HeadHash);
        var audit = await check.AuditEvents.SingleAsync(a => a.Action == AuditActions.IntegrityChecked);
        Assert.Equal("admin", audit.UserName);
    }

    [Fact]
    public async Task An_update_of_one_buyer_name_through_sql_is_reported_with_exactly_that_sale_s_number_and_raises_the_alert()
    {
        var numbers = await RecordAsync(MainStore, "Martin", "Bernard", "Petit", "Robert");
        var tampered = numbers[2];

        await TestPostgres.ExecuteAsync(fixture.DatabaseName, $"UPDATE sales SET buyer_last_name = 'Faussaire' WHERE id = {tampered}");
        var report = await Integrity.CheckAsync(Admin);

        Assert.False(report.Passed);
        var broken = report.FirstBreak!;
        Assert.Equal(tampered, broken.SaleNumber);
        Assert.Contains("modifiée après son enregistrement", broken.Problem, StringComparison.Ordinal);
        Assert.Contains($"vente n° {tampered}", report.Summary, StringComparison.Ordinal);
        var alert = Assert.Single(await OpenAlertsAsync(), a => a.Kind == AlertKinds.IntegrityCheckFailed);
        Assert.Contains($"vente n° {tampered}", alert.Message, StringComparison.Ordinal);

        // Put back as it was, the sale matches its hash again: the next check passes and ends the alert.
        await TestPostgres.ExecuteAsync(fixture.DatabaseName, $"UPDATE sales SET buyer_last_name = 'Petit' WHERE id = {tampered}");
        Assert.True((await Integrity.CheckScheduledAsync()).Passed);
        Assert.DoesNotContain(await OpenAlertsAsync(), a => a.Kind == AlertKinds.IntegrityCheckFailed);
    }

    [Theory]
    [InlineData("UPDATE sale_lines SET quantity = quantity + 1 WHERE sale_id = {0} AND position = 2")]
    [InlineData("UPDATE sale_photos SET content_sha256 = sha256('autre photo'::bytea) WHERE sale_id = {0} AND kind = 'Receipt'")]
    [InlineData("UPDATE sales SET sold_at = sold_at - interval '1 day' WHERE id = {0}")]
    [InlineData("UPDATE sales SET id_document_authority = 'Préfecture de l''Ain' WHERE id = {0}")]
    [InlineData("DELETE FROM sale_photos WHERE sale_id = {0} AND kind = 'IdBack'")]
    public async Task A_line_a_photo_or_any_register_field_changed_through_sql_is_reported_at_its_sale(string sql)
    {
        var numbers = await RecordAsync(MainStore, "Martin", "Bernard", "Petit");

        await TestPostgres.ExecuteAsync(fixture.DatabaseName, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, numbers[1]));

        Assert.Equal(numbers[1], (await Integrity.CheckAsync(Admin)).FirstBreak?.SaleNumber);
    }

    [Fact]
    public async Task Sales_removed_through_sql_are_found_missing_in_the_middle_and_at_the_end_of_the_chain()
    {
        var numbers = await RecordAsync(MainStore, "Martin", "Bernard", "Petit", "Robert");

        await TestPostgres.ExecuteAsync(fixture.DatabaseName, $"DELETE FROM sales WHERE id = {numbers[1]}");
        var middle = (await Integrity.CheckAsync(Admin)).FirstBreak!;
        Assert.Equal(numbers[2], middle.SaleNumber);
        Assert.Contains("(rang 2) a disparu sans trace de suppression", middle.Problem, StringComparison.Ordinal);

        await TestPostgres.ExecuteAsync(fixture.DatabaseName, $"DELETE FROM sales WHERE id IN ({numbers[1]}, {numbers[2]}, {numbers[3]})");
        var end = (await Integrity.CheckAsync(Admin)).FirstBreak!;
        Assert.Null(end.SaleNumber);
        Assert.Contains("les ventes de rang 2 à 4, les dernières enregistrées, ont disparu", end.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deletion_and_a_purge_leave_tombstones_and_the_chain_still_verifies()
    {
        var now = fixture.Clock.GetUtcNow();
        var clock = new FakeTimeProvider(now.AddMonths(-20));
        var services = fixture.BuildServices(s => s.AddSingleton<TimeProvider>(clock));
        var old = new[] { await services.RecordAsync(MainStore, "Ancien"), await services.RecordAsync(MainStore, "Vieux") };
        clock.SetUtcNow(now);
        var recent = await RecordAsync(MainStore, "Martin", "Bernard", "Petit");
        var manager = new Caller(1, "admin", "Administrateur", UserRole.Manager, MainStore);

        await services.GetRequiredService<SaleHistoryService>().DeleteAsync(manager, recent[1], "Saisie en double");
        var purged = await services.GetRequiredService<PurgeService>().RunScheduledAsync();
        var report = await services.GetRequiredService<IntegrityService>().CheckAsync(Admin);

        Assert.Equal(2, purged.SalesDeleted);
        Assert.True(report.Passed, report.Summary);
        var store = report.Stores.Single(s => s.StoreId == MainStore);
        Assert.Equal((5L, 2L, 3L), (store.Length, store.SalesChecked, store.Removed));
        await using var db = await fixture.CreateDbContextAsync();
        var tombstones = await db.SaleTombstones.OrderBy(t => t.ChainPosition).ToListAsync();
        Assert.Equal([old[0], old[1], recent[1]], tombstones.Select(t => t.SaleId));
        Assert.Equal(["purge", "purge", "Saisie en double"], tombstones.Select(t => t.Reason));
        Assert.Equal([null, null, "admin"], tombstones.Select(t => t.RemovedBy));
        Assert.All(tombstones, t => Assert.Equal(32, t.ChainHash!.Length));
    }

    [Fact]
    public async Task Two_sales_saved_at_once_in_one_store_take_consecutive_places_in_its_chain()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => fixture.Services.RecordAsync(MainStore, "Acheteur" + i))));

        var report = await Integrity.CheckAsync(Admin);

        Assert.True(report.Passed, report.Summary);
        await using var db = await fixture.CreateDbContextAsync();
        var positions = await db.Sales.Where(s => numbers.Contains(s.Id)).OrderBy(s => s.ChainPosition).Select(s => s.ChainPosition!.Value).ToListAsync();
        Assert.Equal([1L, 2, 3, 4, 5, 6], positions);
    }

    [Fact]
    public async Task Sales_from_before_the_chain_get_it_at_start_and_a_sale_written_behind_the_app_s_back_later_is_reported()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await TestSales.InsertAsync(db, TestSales.Build(MainStore, fixture.Clock.GetUtcNow().AddDays(-2), "Avant", photos: true),
                TestSales.Build(MainStore, fixture.Clock.GetUtcNow().AddDays(-1), "Aussi", photos: true));
        }

        await fixture.Services.InitializeDatabaseAsync();

        Assert.True((await Integrity.CheckAsync(Admin)).Passed);
        long outsider;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            Assert.Equal([1L, 2], await db.Sales.OrderBy(s => s.Id).Select(s => s.ChainPosition!.Value).ToListAsync());
            Assert.Contains("\"chained\": 2", (await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.SalesChained)).Details, StringComparison.Ordinal);
            outsider = (await TestSales.InsertAsync(db, TestSales.Build(MainStore, fixture.Clock.GetUtcNow(), "Intrus")))[0].Id;
        }
        // Once a store's chain has started, a restart never seals what was written outside the application.
        await fixture.Services.InitializeDatabaseAsync();
        var broken = (await Integrity.CheckAsync(Admin)).FirstBreak!;
        Assert.Equal(outsider, broken.SaleNumber);
        Assert.Contains("hors de l'application", broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_administrator_may_run_the_check()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Integrity.CheckAsync(new Caller(5, "gerant", "Gérant", UserRole.Manager, MainStore)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Integrity.CheckAsync(Employee(MainStore)));
    }
}
