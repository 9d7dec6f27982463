using RegisFlow.Domain.Photos;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Exports;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Inspection;

/// <summary>What the inspector asked for: one store, a period of shop days (both included), with or without the photos.</summary>
public sealed record InspectionRequest(int? StoreId, DateOnly? From, DateOnly? To, bool IncludePhotos);

/// <summary>A register for inspection the caller may print, checked and counted, ready to be written.</summary>
public sealed record InspectionPlan(Caller Caller, int StoreId, string StoreName, string? StoreAddress, DateOnly From, DateOnly To, bool IncludePhotos,
    int SaleCount, string FileName);

/// <summary>A sale of the register with its place in the chain.</summary>
internal sealed record InspectedSale(SaleRecord Record, long? Position, byte[]? Hash);

/// <summary>
/// The register as an inspector reads it: for one store and one period, every sale with every field of the register (photos if
/// asked), numbered, then the sales deleted or purged in the period, and on the last page the store's chain checked now with its
/// head hash. Admins print any store, managers their own. Each print is audited.
/// </summary>
public sealed class InspectionRegisterService(
    IDbContextFactory<RegisFlowDbContext> factory, IntegrityService integrity, RegisFlowOptions options, TimeProvider clock,
    PhotoKey photoKey)
{
    /// <summary>PDFsharp holds the whole document in memory: a limit per file, lower with photos.</summary>
    public const int MaxSales = 3000;
    public const int MaxSalesWithPhotos = 300;
    private const int Batch = 200;

    private readonly TimeZoneInfo _zone = options.Zone;

    public async Task<InspectionPlan> PlanAsync(Caller caller, InspectionRequest request, CancellationToken ct = default)
    {
        caller.Demand(Permission.PrintInspectionRegister);
        var storeId = caller.ReadableStore(request.StoreId)
            ?? throw new InvalidInputException(nameof(InspectionRequest.StoreId), "Choisissez le magasin dont le registre est demandé.");
        if (request.From is not { } from || request.To is not { } to)
        {
            throw new InvalidInputException(nameof(InspectionRequest.From), "Indiquez la période : date de début et date de fin.");
        }
        if (from > to)
        {
            throw new InvalidInputException(nameof(InspectionRequest.From), "La date de début est après la date de fin.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => new { s.Name, s.Address }).FirstOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException("Ce magasin n'existe pas.");
        var count = await InPeriod(db, storeId, from, to).CountAsync(ct);
        var max = request.IncludePhotos ? MaxSalesWithPhotos : MaxSales;
        if (count > max)
        {
            var french = ExportContext.French;
            throw new ExportTooLargeException(
                $"Ce registre contiendrait {count.ToString("N0", french)} ventes, au-delà de la limite de {max.ToString("N0", french)} par fichier"
                + (request.IncludePhotos ? " avec photos : choisissez une période plus courte ou un registre sans photos." : " : choisissez une période plus courte."));
        }
        var fileName = $"registre-controle-{ExportService.Slug(store.Name)}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.pdf";
        return new InspectionPlan(caller, storeId, store.Name, store.Address, from, to, request.IncludePhotos, count, fileName);
    }

    /// <summary>Writes the PDF to <paramref name="output"/>; returns the number of sales printed.</summary>
    public async Task<int> WriteAsync(InspectionPlan plan, Stream output, CancellationToken ct = default)
    {
        plan.Caller.Demand(Permission.PrintInspectionRegister);
        plan.Caller.ReadableStore(plan.StoreId);
        var chain = await integrity.CheckStoreAsync(plan.StoreId, plan.StoreName, ct);
        var generatedAt = clock.GetUtcNow();
        using var pdf = new InspectionRegisterPdf(plan, generatedAt, _zone);
        var printed = 0;
        DateTimeOffset? lastSoldAt = null;
        long lastId = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var sales = InPeriod(db, plan.StoreId, plan.From, plan.To);
            if (lastSoldAt is { } after)
            {
                sales = sales.Where(s => s.SoldAt > after || (s.SoldAt == after && s.Id > lastId));
            }
            var page = await sales.OrderBy(s => s.SoldAt).ThenBy(s => s.Id).Take(Batch)
                .AsSplitQuery().Select(SaleProjections.Record(db)).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            var ids = page.Select(r => r.Id).ToList();
            var links = await db.Sales.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Select(s => new { s.Id, s.ChainPosition, s.ChainHash }).ToDictionaryAsync(s => s.Id, ct);
            var photos = plan.IncludePhotos ? await PhotosAsync(db, ids, ct) : new Dictionary<long, byte[]>();
            foreach (var record in page)
            {
                pdf.Sale(++printed, new InspectedSale(record, links[record.Id].ChainPosition, links[record.Id].ChainHash), photos);
            }
            (lastSoldAt, lastId) = (page[^1].SoldAt, page[^1].Id);
            if (page.Count < Batch)
            {
                break;
            }
        }
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var start = SaleFilters.StartOfDay(plan.From, _zone);
            var end = SaleFilters.StartOfDay(plan.To.AddDays(1), _zone);
            pdf.Removed(await db.SaleTombstones.AsNoTracking()
                .Where(t => t.StoreId == plan.StoreId && t.SoldAt >= start && t.SoldAt < end)
                .OrderBy(t => t.SoldAt).ThenBy(t => t.SaleId).ToListAsync(ct));
        }
        pdf.Verification(chain);
        await pdf.SaveAsync(output, ct);

        await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
        {
            db.AuditEvents.Add(AuditLog.For(plan.Caller, AuditActions.InspectionRegister, clock.GetUtcNow(), new
            {
                store = plan.StoreName,
                from = plan.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to = plan.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                sales = printed,
                photos = plan.IncludePhotos,
                passed = chain.Intact,
            }, storeId: plan.StoreId));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return printed;
    }

    private IQueryable<Sales.Sale> InPeriod(RegisFlowDbContext db, int storeId, DateOnly from, DateOnly to) =>
        db.Sales.AsNoTracking().Where(s => s.StoreId == storeId).Matching(new SaleExportQuery(from, to), _zone);

    /// <summary>The JPEGs, decrypted; a photo the configured key does not open stops the register (<see cref="PhotoUnreadableException"/>).</summary>
    private Task<Dictionary<long, byte[]>> PhotosAsync(RegisFlowDbContext db, List<long> saleIds, CancellationToken ct) =>
        db.SalePhotos.AsNoTracking().Where(p => saleIds.Contains(p.SaleId))
            .Select(p => new { p.Id, p.Data, p.EncryptionKeyId, p.ContentSha256 })
            .ToDictionaryAsync(p => p.Id, p => photoKey.Open(p.Data, p.EncryptionKeyId, p.ContentSha256), ct);
}
