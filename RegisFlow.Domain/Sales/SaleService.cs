using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Sales;

/// <summary>A photo of the form, processed when it was received (<see cref="PendingPhotos"/>): saved as it is, never decoded again.</summary>
public sealed record PhotoUpload(PhotoKind Kind, ProcessedPhoto Photo);

/// <summary>The store a new sale goes into, with its settings for the sale form.</summary>
public sealed record SaleStore(int Id, string Name, PaymentMethod? DefaultPaymentMethod, bool PhotosRequired);

/// <summary>Records sales in the register: the authority on who may sell where and on what a valid sale is.</summary>
public sealed class SaleService(
    IDbContextFactory<RegisFlowDbContext> factory,
    SaleValidator validator,
    PhotoProcessor photoProcessor,
    PhotoKey photoKey,
    RegisFlowOptions options,
    TimeProvider clock,
    RegisFlowMetrics metrics,
    ILogger<SaleService> logger)
{
    private readonly TimeZoneInfo _timeZone = options.Zone;

    /// <summary>Today in the shops' time zone: the date a sale made now carries, for the age rule.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _timeZone).DateTime);

    /// <summary>The active store the caller's new sale would go into; <see cref="AccessDeniedException"/> when there is none.</summary>
    public async Task<SaleStore> TargetStoreAsync(Caller caller, int? selectedStoreId, CancellationToken ct = default)
    {
        caller.Demand(Permission.CreateSale);
        var storeId = caller.WritableStore(selectedStoreId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var store = await db.Stores.AsNoTracking()
            .Where(s => s.Id == storeId && s.IsActive)
            .Select(s => new SaleStore(s.Id, s.Name, s.DefaultPaymentMethod, s.PhotosRequired))
            .FirstOrDefaultAsync(ct);
        return store ?? throw new AccessDeniedException("Ce magasin n'existe pas ou est désactivé : aucune vente ne peut y être enregistrée.");
    }

    /// <summary>
    /// Checks and saves a sale with its lines and photos in one transaction and returns its number.
    /// A refused sale stores nothing, is audited without personal data and raises <see cref="SaleRefusedException"/>.
    /// </summary>
    public async Task<long> CreateAsync(Caller caller, int? selectedStoreId, SaleInput input, IReadOnlyList<PhotoUpload> photos, CancellationToken ct = default)
    {
        SaleStore store;
        try
        {
            store = await TargetStoreAsync(caller, selectedStoreId, ct);
        }
        catch (AccessDeniedException denied)
        {
            await AuditAsync(AuditLog.For(caller, AuditActions.AccessDenied, clock.GetUtcNow(),
                new { operation = AuditActions.SaleCreated, requestedStoreId = selectedStoreId, reason = denied.Message }), ct);
            throw;
        }

        var kinds = photos.Select(p => p.Kind).ToList();
        var errors = validator.Validate(input, Today(), kinds, store.PhotosRequired);
        if (!errors.IsValid)
        {
            await RefuseAsync(caller, store, errors, ct);
        }
        var processed = new List<(PhotoKind Kind, ProcessedPhoto Photo)>();
        foreach (var upload in photos)
        {
            try
            {
                photoProcessor.CheckStorable(upload.Photo);
                processed.Add((upload.Kind, upload.Photo));
            }
            catch (PhotoRejectedException rejected)
            {
                errors.Add(SaleFields.Photo(upload.Kind), rejected.Message);
            }
        }
        if (!errors.IsValid)
        {
            await RefuseAsync(caller, store, errors, ct);
        }

        var now = clock.GetUtcNow();
        var sale = Build(store.Id, caller.UserId, input, processed, photoKey, now);
        if (SaleValidator.MissingPhotos(input.IdDocumentType, store.PhotosRequired, kinds).Count == 0)
        {
            // Nothing is missing: a reason left in the form explains nothing.
            sale.MissingPhotosReason = null;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SaleChain.AppendAsync(db, sale, now, ct);
        db.Sales.Add(sale);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.SaleCreated, now,
            new { saleId = sale.Id, storeId = store.Id, lines = sale.Lines.Count, photos = sale.Photos.Count, missingPhotosReason = sale.MissingPhotosReason },
            targetType: nameof(Sale), targetId: sale.Id.ToString(CultureInfo.InvariantCulture), storeId: store.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        metrics.SaleRecorded(store.Id, store.Name);
        logger.LogInformation("Vente {SaleId} enregistrée dans le magasin {StoreId} ({LineCount} lignes)", sale.Id, store.Id, sale.Lines.Count);
        return sale.Id;
    }

    /// <summary>
    /// The sale as stored, with every column derived on save (search text, photos encrypted with their SHA-256...), from a
    /// checked input and processed photos. The benchmark's data generator builds its sales here too, so generated data
    /// follows the schema as it evolves.
    /// </summary>
    public static Sale Build(
        int storeId, int? createdByUserId, SaleInput input, IReadOnlyList<(PhotoKind Kind, ProcessedPhoto Photo)> photos, PhotoKey photoKey, DateTimeOffset now)
    {
        // To the microsecond, as PostgreSQL keeps it: the sale's hash is computed now and again from what is read back.
        now = now.AddTicks(-(now.UtcTicks % 10));
        var sale = new Sale
        {
            StoreId = storeId,
            SoldAt = now,
            SellerName = TypedText.Clean(input.SellerName),
            BuyerLastName = TypedText.Clean(input.BuyerLastName),
            BuyerFirstNames = TypedText.Clean(input.BuyerFirstNames),
            BuyerBirthDate = input.BuyerBirthDate!.Value,
            BuyerBirthPlace = TypedText.Clean(input.BuyerBirthPlace),
            BuyerAddress = TypedText.Clean(input.BuyerAddress),
            PaymentMethod = input.PaymentMethod!.Value,
            IdDocumentType = input.IdDocumentType!.Value,
            IdDocumentNumber = TypedText.Clean(input.IdDocumentNumber),
            IdDocumentAuthority = TypedText.Clean(input.IdDocumentAuthority),
            IdDocumentIssueDate = input.IdDocumentIssueDate!.Value,
            MissingPhotosReason = TypedText.CleanOrNull(input.MissingPhotosReason),
            CreatedByUserId = createdByUserId,
            CreatedAt = now,
            Lines = input.Lines.Select((line, i) => new SaleLine
            {
                Position = i + 1,
                ArticleType = line.ArticleType!.Value,
                Category = line.Category!.Value,
                Quantity = line.Quantity!.Value,
                Reference = ProductReference.Normalize(line.Reference),
                ReferenceKind = ProductReference.KindOf(line.Reference, line.WithoutBarcode)!.Value,
            }).ToList(),
            Photos = photos.Select(p => new SalePhoto
            {
                Kind = p.Kind,
                ContentType = p.Photo.ContentType,
                SizeBytes = p.Photo.SizeBytes,
                Width = p.Photo.Width,
                Height = p.Photo.Height,
                Data = photoKey.Seal(p.Photo.Data),
                ContentSha256 = SHA256.HashData(p.Photo.Data),
                EncryptionKeyId = photoKey.Id,
                CreatedAt = now,
            }).ToList(),
        };
        return sale.WithDerivedColumns();
    }

    /// <summary>Reports the refusal (which rules, never the buyer's data) and stops the sale.</summary>
    private async Task RefuseAsync(Caller caller, SaleStore store, SaleErrors errors, CancellationToken ct)
    {
        await AuditAsync(AuditLog.For(caller, AuditActions.SaleRefused, clock.GetUtcNow(),
            new { reasons = errors.Messages }, storeId: store.Id), ct);
        logger.LogInformation("Vente refusée dans le magasin {StoreId} : {Fields}", store.Id, string.Join(", ", errors.Messages.Keys));
        throw new SaleRefusedException(errors);
    }

    private async Task AuditAsync(AuditEvent auditEvent, CancellationToken ct)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.AuditEvents.Add(auditEvent);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // The refusal itself must still reach the seller.
            logger.LogError(e, "Impossible d'écrire l'événement d'audit {Action}", auditEvent.Action);
        }
    }
}
