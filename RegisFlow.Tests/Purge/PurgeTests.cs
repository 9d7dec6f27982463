using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Purge;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Purge;

public class PurgeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private PurgeService Purge => fixture.Services.GetRequiredService<PurgeService>();

    [Fact]
    public async Task Sales_older_than_19_months_go_with_their_lines_and_photos_and_the_audit_says_how_many_without_names()
    {
        await fixture.ResetAsync();
        var now = fixture.Clock.GetUtcNow();
        long oldId, keptId;
        await using (var db = await fixture.CreateDbContextAsync())
        {
            var store = await db.Stores.FirstAsync();
            var old = AddSale(db, store.Id, now.AddMonths(-19).AddDays(-1), "Ancienacheteur");
            var kept = AddSale(db, store.Id, now.AddMonths(-18), "Recentacheteur");
            await db.SaveChangesAsync();
            (oldId, keptId) = (old.Id, kept.Id);
        }

        var preview = await Purge.PreviewAsync(Admin);
        Assert.Equal(1, preview.SalesConcerned);
        Assert.Equal(now.AddMonths(-19), preview.Cutoff);
        Assert.Equal(19, preview.RetentionMonths);

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
