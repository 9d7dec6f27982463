using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Suspicious;

/// <summary>
/// Refused sales recorded as suspicious attempts (article R.557-6-14-3 of the Code de l'environnement): any clerk records one in the
/// store they sell in; admins read every store's, managers their own store's, and print each one's report for the authorities.
/// </summary>
public sealed class SuspiciousAttemptService(IDbContextFactory<RegisFlowDbContext> factory, RegisFlowOptions options, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>Records the attempt and its audit row together; returns its number.</summary>
    public async Task<long> RecordAsync(Caller caller, int? selectedStoreId, SuspiciousAttemptInput input, CancellationToken ct = default)
    {
        caller.Demand(Permission.CreateSale);
        var storeId = caller.WritableStore(selectedStoreId);
        InvalidInputException.ThrowIfAny(SuspiciousAttemptValidator.Validate(input));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Stores.AnyAsync(s => s.Id == storeId && s.IsActive, ct))
        {
            throw new AccessDeniedException("Ce magasin n'existe pas ou est désactivé : aucune tentative ne peut y être enregistrée.");
        }
        var now = clock.GetUtcNow();
        var attempt = Build(storeId, caller, input, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.SuspiciousAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.SuspiciousAttemptRecorded, now,
            new { attemptId = attempt.Id, storeId, reasons = attempt.Reasons.Select(r => r.ToString()).ToList() },
            nameof(SuspiciousAttempt), Id(attempt.Id), storeId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return attempt.Id;
    }

    /// <summary>A page of the attempts the caller may read, newest first.</summary>
    public async Task<PagedResult<SuspiciousAttemptRow>> ListAsync(Caller caller, SuspiciousAttemptQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var attempts = Visible(db, caller, query.StoreId);
        var total = await attempts.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await attempts.OrderByDescending(a => a.RecordedAt).ThenByDescending(a => a.Id)
            .Skip(Math.Max(query.Page, 0) * size).Take(size)
            .Select(a => new
            {
                a.Id, a.RecordedAt, StoreName = a.Store!.Name, a.ClerkName, a.Reasons, a.BuyerLastName, a.BuyerFirstNames, a.Details,
            })
            .ToListAsync(ct);
        return new PagedResult<SuspiciousAttemptRow>(
            [.. rows.Select(a => new SuspiciousAttemptRow(a.Id, a.RecordedAt, a.StoreName, a.ClerkName, a.Reasons,
                string.Join(" ", new[] { a.BuyerLastName, a.BuyerFirstNames }.Where(n => !string.IsNullOrEmpty(n))), a.Details))],
            total);
    }

    /// <summary>The attempt's report for the authorities, as a PDF file name and a writer; audited when asked for.</summary>
    public async Task<(string FileName, Func<Stream, CancellationToken, Task> Write)> ReportAsync(Caller caller, long attemptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var attempt = await Visible(db, caller, null).Include(a => a.Store).SingleOrDefaultAsync(a => a.Id == attemptId, ct)
            ?? throw new KeyNotFoundException($"La tentative n° {attemptId} n'existe pas ou a été effacée.");
        var now = clock.GetUtcNow();
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.SuspiciousAttemptPrinted, now, new { attemptId },
            nameof(SuspiciousAttempt), Id(attemptId), attempt.StoreId));
        await db.SaveChangesAsync(ct);
        var fileName = $"tentative-suspecte-{attemptId.ToString(CultureInfo.InvariantCulture)}.pdf";
        return (fileName, (output, token) => SuspiciousAttemptPdf.WriteAsync(attempt, caller, now, options.Zone, output, token));
    }

    /// <summary>The one place that scopes attempts by the caller: every store for an admin, their own for a manager.</summary>
    private static IQueryable<SuspiciousAttempt> Visible(RegisFlowDbContext db, Caller caller, int? requestedStoreId)
    {
        caller.Demand(Permission.ReadSuspiciousAttempts);
        var storeId = caller.ReadableStore(requestedStoreId);
        var attempts = db.SuspiciousAttempts.AsNoTracking();
        return storeId is null ? attempts : attempts.Where(a => a.StoreId == storeId);
    }

    private static SuspiciousAttempt Build(int storeId, Caller caller, SuspiciousAttemptInput input, DateTimeOffset now)
    {
        var sale = input.Sale;
        return new SuspiciousAttempt
        {
            StoreId = storeId,
            RecordedAt = now,
            RecordedByUserId = caller.UserId,
            ClerkName = TypedText.CleanOrNull(sale.SellerName) ?? caller.DisplayName,
            Reasons = [.. input.Reasons.Order()],
            Details = TypedText.Clean(input.Details),
            BuyerLastName = TypedText.CleanOrNull(sale.BuyerLastName),
            BuyerFirstNames = TypedText.CleanOrNull(sale.BuyerFirstNames),
            BuyerBirthDate = sale.BuyerBirthDate,
            BuyerBirthPlace = TypedText.CleanOrNull(sale.BuyerBirthPlace),
            BuyerAddress = TypedText.CleanOrNull(sale.BuyerAddress),
            PaymentMethod = sale.PaymentMethod is { } p && Enum.IsDefined(p) ? p : null,
            IdDocumentType = sale.IdDocumentType is { } t && Enum.IsDefined(t) ? t : null,
            IdDocumentNumber = TypedText.CleanOrNull(sale.IdDocumentNumber),
            IdDocumentAuthority = TypedText.CleanOrNull(sale.IdDocumentAuthority),
            IdDocumentIssueDate = sale.IdDocumentIssueDate,
            Articles = Articles(sale.Lines ?? []),
        };
    }

    /// <summary>The lines typed so far, one per line; lines left empty are skipped.</summary>
    public static string Articles(IEnumerable<SaleLineInput> lines) => string.Join("\n", lines
        .Where(l => l.ArticleType is not null || l.Category is not null || !string.IsNullOrWhiteSpace(l.Reference))
        .Select(l =>
        {
            var type = l.ArticleType is { } t && Enum.IsDefined(t) ? t.Label() : "type non précisé";
            var category = l.Category is { } c ? $" ({c})" : "";
            var reference = TypedText.Clean(l.Reference) is { Length: > 0 } r ? $" — réf. {r}" : "";
            return $"{l.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "?"} × {type}{category}{reference}";
        }));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
