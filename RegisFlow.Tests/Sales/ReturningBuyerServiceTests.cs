using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.History;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;

namespace RegisFlow.Tests.Sales;

public class ReturningBuyerServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private ReturningBuyerService Buyers => fixture.Services.GetRequiredService<ReturningBuyerService>();

    private async Task<Domain.Sales.Sale> AddSaleAsync(int storeId, string number, string lastName, DateTimeOffset soldAt)
    {
        await using var db = await fixture.CreateDbContextAsync();
        var sale = TestSales.Build(storeId, soldAt);
        sale.IdDocumentNumber = number;
        sale.BuyerLastName = lastName;
        db.Sales.Add(sale);
        await db.SaveChangesAsync();
        return sale;
    }

    [Fact]
    public async Task A_returning_buyer_is_found_from_the_last_sale_of_the_store_only_and_the_reading_is_audited()
    {
        var storeA = await fixture.AddStoreAsync();
        var storeB = await fixture.AddStoreAsync();
        var now = fixture.Clock.GetUtcNow();
        var number = "RB" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await AddSaleAsync(storeA.Id, number, "Ancien", now.AddDays(-30));
        var last = await AddSaleAsync(storeA.Id, number, "Récent", now.AddDays(-2));
        await AddSaleAsync(storeB.Id, number, "Autre magasin", now.AddDays(-1));
        var employeeA = (await fixture.AddUserAsync(UserRole.Employee, storeA.Id)).AsCaller();

        var found = await Buyers.FindAsync(employeeA, null, " " + number + " ");

        Assert.Equal((last.Id, "Récent"), (found!.SaleId, found.LastName));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Buyers.FindAsync(employeeA, storeB.Id, number));
        var input = new SaleInput();
        found.FillInto(input);
        Assert.Equal((number, last.IdDocumentAuthority, last.BuyerBirthDate), (input.IdDocumentNumber, input.IdDocumentAuthority, input.BuyerBirthDate));
        await using var db = await fixture.CreateDbContextAsync();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.ReturningBuyerViewed && a.UserId == employeeA.UserId);
        Assert.Equal((last.Id.ToString(), storeA.Id), (audit.TargetId, audit.StoreId));
        Assert.DoesNotContain("Récent", audit.Details ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buyer_known_only_in_another_store_or_past_the_retention_period_is_not_found_and_nothing_is_audited()
    {
        var storeA = await fixture.AddStoreAsync();
        var storeB = await fixture.AddStoreAsync();
        var now = fixture.Clock.GetUtcNow();
        var number = "RB" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await AddSaleAsync(storeB.Id, number, "Autre magasin", now.AddDays(-1));
        await AddSaleAsync(storeA.Id, number, "Trop ancien", now.AddMonths(-19));
        var employeeA = (await fixture.AddUserAsync(UserRole.Employee, storeA.Id)).AsCaller();

        Assert.Null(await Buyers.FindAsync(employeeA, null, number));

        await using var db = await fixture.CreateDbContextAsync();
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.ReturningBuyerViewed && a.UserId == employeeA.UserId));
    }
}
