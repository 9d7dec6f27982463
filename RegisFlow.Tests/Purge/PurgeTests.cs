using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Purge;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Backups;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Integrity;
using RegisFlow.Web.Jobs;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Purge;

public class PurgeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private PurgeService Purge => fixture.Services.GetRequiredService<PurgeService>();

    [Fact]
    public async Task Sales_past_18_months_go_with_their_lines_and_photos_and_the_audit_says_how_many_without_names()
    {
        await fixture.ResetAsync();
        var now = fixture.Clock.GetUtcNow();
        long oldId, keptId;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            var store = await db.Stores.FirstAsync();
            var old = AddSale(db, store.Id, now.AddMonths(-18).AddDays(-1), "Ancienacheteur");
            var kept = AddSale(db, store.Id, now.AddMonths(-18), "Recentacheteur");
            await db.SaveChangesAsync();
            (oldId, keptId) = (old.Id, kept.Id);
        }

        var preview = await Purge.PreviewAsync(Admin);
        Assert.Equal(1, preview.SalesConcerned);
        // 25 November 2026 in Paris: the sales of 24 May 2025 and before are erased, from midnight on 25 May (Paris) they stay.
        Assert.Equal(TestSales.AtParis(2025, 5, 25, 0), preview.Cutoff);
        Assert.Equal(new DateOnly(2025, 5, 24), preview.LastErasedDay);
        Assert.Equal(18, preview.RetentionMonths);

        var result = await Purge.RunAsync(Admin);

        Assert.Equal(preview.SalesConcerned, result.SalesDeleted);
        await using var check = await fixture.CreateDbContextAsync();
        Assert.Equal([keptId], await check.Sales.Select(s => s.Id).ToListAsync());
        Assert.Equal(0, await check.SaleLines.CountAsync(l => l.SaleId == oldId));
        Assert.Equal(0, await check.SalePhotos.CountAsync(p => p.SaleId == oldId));
        Assert.Equal(2, await check.SaleLines.CountAsync(l => l.SaleId == keptId));
        Assert.Equal(2, await check.SalePhotos.CountAsync(p => p.SaleId == keptId));

        var audit = await check.AuditEvents.Where(a => a.Action == AuditActions.Purge).SingleAsync();
        Assert.Equal("admin", audit.UserName);
        using var details = JsonDocument.Parse(audit.Details!);
        Assert.Equal(1, details.RootElement.GetProperty("salesDeleted").GetInt64());
        Assert.Equal(preview.Cutoff, details.RootElement.GetProperty("cutoff").GetDateTimeOffset());
        Assert.DoesNotContain("Ancienacheteur", audit.Details, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X4RTBPFW4", audit.Details, StringComparison.Ordinal);
        Assert.Equal(0, (await Purge.PreviewAsync(Admin)).SalesConcerned);
        var tombstone = await check.SaleTombstones.SingleAsync();
        Assert.Equal((oldId, TombstoneKind.Purged, "purge", "admin"), (tombstone.SaleId, tombstone.Kind, tombstone.Reason, tombstone.RemovedBy));
    }

    [Fact]
    public async Task The_nightly_job_erases_a_sale_of_18_months_and_a_day_and_keeps_one_of_18_months_minus_a_day()
    {
        await fixture.ResetAsync();
        var clock = new FakeTimeProvider(TestSales.AtParis(2025, 3, 15, 12));
        var services = fixture.BuildServices(s => s.AddSingleton<TimeProvider>(clock));
        int store;
        await using (var stores = await fixture.CreateDbContextAsync())
        {
            store = (await stores.Stores.FirstAsync()).Id;
        }
        async Task<long> SaleAtAsync(DateTimeOffset at)
        {
            clock.SetUtcNow(at);
            return await services.RecordAsync(store);
        }
        // Paris dates: 23:30 on 15 March in Paris is still 15 March, whatever UTC says; 00:30 on 16 March already 16 March.
        var dayOver = await SaleAtAsync(TestSales.AtParis(2025, 3, 15, 23, 30));
        var exactly18Months = await SaleAtAsync(TestSales.AtParis(2025, 3, 16, 0, 30));
        var dayUnder = await SaleAtAsync(TestSales.AtParis(2025, 3, 17, 12));
        // The night of 15 to 16 September 2026, at 02:00 in Paris.
        clock.SetUtcNow(TestSales.AtParis(2026, 9, 16, 2));

        await new PurgeJob(services.GetRequiredService<PurgeService>(), services.GetRequiredService<IntegrityService>(),
            NullLogger<PurgeJob>.Instance).RunAsync(CancellationToken.None);

        await using var db = await fixture.CreateDbContextAsync();
        Assert.Equal([exactly18Months, dayUnder], await db.Sales.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());
        Assert.False(await db.SaleLines.AnyAsync(l => l.SaleId == dayOver));
        Assert.False(await db.SalePhotos.AnyAsync(p => p.SaleId == dayOver));
        Assert.Equal(dayOver, (await db.SaleTombstones.SingleAsync()).SaleId);
        // The same job checked the chain afterwards: the erased sale's tombstone keeps it whole.
        var check = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.IntegrityChecked);
        Assert.Contains("\"passed\": true", check.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backups_made_before_the_cutoff_are_deleted_with_the_sales_they_hold()
    {
        await fixture.ResetAsync();
        var directory = fixture.NewBackupDirectory();
        Directory.CreateDirectory(directory);
        // 25 November 2026: what was made before midnight on 25 May 2025, Paris time (22:00 UTC on 24 May), is past 18 months.
        string[] old = ["regisflow-20250101-000000.rfbak", "regisflow-20250524-215959.rfbak"];
        string[] kept = ["regisflow-20250524-220000.rfbak", "regisflow-20261125-000000.rfbak"];
        foreach (var name in old.Concat(kept))
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), "sauvegarde");
        }
        var purge = fixture.WithBackupDirectory(directory).GetRequiredService<PurgeService>();
        Assert.Equal(2, (await purge.PreviewAsync(Admin)).BackupsConcerned);

        var result = await purge.RunAsync(Admin);

        Assert.Equal(2, result.BackupsDeleted);
        Assert.Equal(kept, BackupTestSupport.BackupFiles(directory));
        await using var db = await fixture.CreateDbContextAsync();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.Purge);
        Assert.Contains(old[0], audit.Details, StringComparison.Ordinal);
        Assert.Contains(old[1], audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_rows_past_the_retention_keep_what_happened_but_lose_the_address_and_the_typed_reason()
    {
        await fixture.ResetAsync();
        var now = fixture.Clock.GetUtcNow();
        var withAddress = Admin with { ClientAddress = "192.168.1.20" };
        await using (var db = await fixture.CreateDbContextAsync())
        {
            db.AuditEvents.Add(AuditLog.For(withAddress, AuditActions.SaleDeleted, now.AddMonths(-19), new { saleNumber = 7, reason = "Erreur : acheteur Dupont" }, "Sale", "7", 1));
            // A sign-in under a name that matched no account: what was typed may be anything, a person's name included.
            var unknown = AuditLog.For(new Caller(0, "dupont.jean", "", UserRole.Employee, null, "192.168.1.21"), AuditActions.LoginFailed, now.AddMonths(-19));
            unknown.UserId = null;
            db.AuditEvents.Add(unknown);
            db.AuditEvents.Add(AuditLog.For(withAddress, AuditActions.SaleDeleted, now.AddMonths(-17), new { saleNumber = 8, reason = "Doublon" }, "Sale", "8", 1));
            await db.SaveChangesAsync();
        }

        var result = await Purge.RunAsync(Admin);

        Assert.Equal(2, result.AuditRowsCleared);
        await using var check = await fixture.CreateDbContextAsync();
        var rows = await check.AuditEvents.Where(a => a.Action != AuditActions.Purge && a.Action != AuditActions.AdminSeeded).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal((AuditActions.SaleDeleted, "7", null), (rows[0].Action, rows[0].TargetId, rows[0].ClientAddress));
        Assert.Equal("""{"saleNumber": 7}""", rows[0].Details);
        Assert.Equal((AuditActions.LoginFailed, null, null), (rows[1].Action, rows[1].UserName, rows[1].ClientAddress));
        Assert.Equal(("192.168.1.20", "Doublon"), (rows[2].ClientAddress, JsonDocument.Parse(rows[2].Details!).RootElement.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_purge_of_more_than_one_batch_deletes_every_old_sale()
    {
        await fixture.ResetAsync();
        var now = fixture.Clock.GetUtcNow();
        await using (var db = await fixture.CreateDbContextAsync())
        {
            var store = await db.Stores.FirstAsync();
            for (var i = 0; i < PurgeService.BatchSize + 5; i++)
            {
                var sale = AddSale(db, store.Id, now.AddMonths(-20).AddMinutes(-i), "Lot", photoBytes: 16);
                sale.Photos.Clear();
            }
            AddSale(db, store.Id, now.AddDays(-3), "Recent", photoBytes: 16);
            await db.SaveChangesAsync();
        }
        Assert.Equal(PurgeService.BatchSize + 5, (await Purge.PreviewAsync(Admin)).SalesConcerned);

        var result = await fixture.Services.GetRequiredService<PurgeService>().RunScheduledAsync();

        Assert.Equal(PurgeService.BatchSize + 5, result.SalesDeleted);
        await using var check = await fixture.CreateDbContextAsync();
        Assert.Equal(1, await check.Sales.CountAsync());
        var audit = await check.AuditEvents.Where(a => a.Action == AuditActions.Purge).SingleAsync();
        Assert.Null(audit.UserName);
    }

    [Fact]
    public async Task A_purge_asked_for_while_another_runs_is_refused_in_French()
    {
        var connection = fixture.Services.GetRequiredService<Domain.Database.DatabaseConnection>().ConnectionString;
        await using var held = await Domain.Backups.AdvisoryLock.TryAcquireAsync(connection, Domain.Backups.AdvisoryLock.PurgeKey, CancellationToken.None);
        Assert.NotNull(held);

        var refused = await Assert.ThrowsAsync<Domain.Backups.JobAlreadyRunningException>(() => Purge.RunAsync(Admin));
        Assert.Equal("Une purge est déjà en cours : réessayez quand elle sera terminée.", refused.Message);
    }

    [Fact]
    public async Task Only_an_administrator_may_see_or_run_the_purge()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Purge.PreviewAsync(Employee(1)));
        var manager = new Caller(5, "gerant", "Gérant", UserRole.Manager, 1);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Purge.RunAsync(manager));
    }
}
