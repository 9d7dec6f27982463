using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Purge;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Sales;

/// <summary>What the last sale to a buyer says about them, to fill the form again (never the photos).</summary>
public sealed record ReturningBuyer(
    long SaleId, DateTimeOffset SoldAt, string LastName, string FirstNames, DateOnly BirthDate, string BirthPlace, string Address,
    IdDocumentType DocumentType, string DocumentNumber, string DocumentAuthority, DateOnly DocumentIssueDate)
{
    /// <summary>Copies the buyer and ID fields into the form; products, payment and photos are left as they are.</summary>
    public void FillInto(SaleInput input)
    {
        input.BuyerLastName = LastName;
        input.BuyerFirstNames = FirstNames;
        input.BuyerBirthDate = BirthDate;
        input.BuyerBirthPlace = BirthPlace;
        input.BuyerAddress = Address;
        input.IdDocumentType = DocumentType;
        input.IdDocumentNumber = DocumentNumber;
        input.IdDocumentAuthority = DocumentAuthority;
        input.IdDocumentIssueDate = DocumentIssueDate;
    }
}

/// <summary>
/// Finds a buyer who already bought in the store, by their ID number, within the retention period. Reading them is an access to
/// personal data, audited as opening a sale's details is.
/// </summary>
public sealed class ReturningBuyerService(IDbContextFactory<RegisFlowDbContext> factory, RegisFlowOptions options, TimeProvider clock)
{
    public const int MinimumNumberLength = 5;

    public async Task<ReturningBuyer?> FindAsync(Caller caller, int? storeId, string idNumber, CancellationToken ct = default)
    {
        caller.Demand(Permission.CreateSale);
        var store = caller.WritableStore(storeId);
        var number = TypedText.Clean(idNumber);
        if (number.Length < MinimumNumberLength)
        {
            return null;
        }
        var cutoff = RetentionRule.Cutoff(clock.GetUtcNow(), options.Zone, options.DataRetentionMonths);
        await using var db = await factory.CreateDbContextAsync(ct);
        var buyer = await db.Sales.AsNoTracking()
            .Where(s => s.StoreId == store && s.IdDocumentNumber == number && s.SoldAt >= cutoff)
            .OrderByDescending(s => s.SoldAt).ThenByDescending(s => s.Id)
            .Select(s => new ReturningBuyer(s.Id, s.SoldAt, s.BuyerLastName, s.BuyerFirstNames, s.BuyerBirthDate, s.BuyerBirthPlace,
                s.BuyerAddress, s.IdDocumentType, s.IdDocumentNumber, s.IdDocumentAuthority, s.IdDocumentIssueDate))
            .FirstOrDefaultAsync(ct);
        if (buyer is not null)
        {
            db.AuditEvents.Add(AuditLog.For(caller, AuditActions.ReturningBuyerViewed, clock.GetUtcNow(), new { saleNumber = buyer.SaleId },
                "Sale", buyer.SaleId.ToString(CultureInfo.InvariantCulture), store));
            await db.SaveChangesAsync(ct);
        }
        return buyer;
    }
}
