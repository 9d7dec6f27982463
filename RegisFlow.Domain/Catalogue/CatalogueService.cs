using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Catalogue;

public sealed record CatalogueEntry(long Id, string Reference, ArticleType ArticleType, FireworkCategory Category, string Label);

/// <summary>A reference sold in the store and not in its catalogue yet, with what the last sale of it said.</summary>
public sealed record MissingReference(string Reference, ArticleType ArticleType, FireworkCategory Category, int Sales);

public sealed record CatalogueImportResult(int Added, int Updated, IReadOnlyList<CsvLineError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Each store's catalogue of articles. Anyone selling in a store reads it (to fill a line); admins and managers change it,
/// a manager only in their store. Every method resolves the store from the caller first (<see cref="StoreOf"/>).
/// </summary>
public sealed class CatalogueService(IDbContextFactory<RegisFlowDbContext> factory, TimeProvider clock)
{
    /// <summary>The store the caller works on: an admin's chosen one, anyone else's own (asking for another is refused).</summary>
    private static int StoreOf(Caller caller, int? requestedStoreId, Permission permission)
    {
        caller.Demand(permission);
        return caller.WritableStore(requestedStoreId);
    }

    /// <summary>The article a reference designates in the store, or null; for the sale form.</summary>
    public async Task<CatalogueEntry?> FindAsync(Caller caller, int? storeId, string reference, CancellationToken ct = default)
    {
        var store = StoreOf(caller, storeId, Permission.CreateSale);
        var code = ProductReference.Normalize(reference);
        if (code.Length == 0)
        {
            return null;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CatalogueArticles.AsNoTracking()
            .Where(a => a.StoreId == store && a.Reference == code)
            .Select(a => new CatalogueEntry(a.Id, a.Reference, a.ArticleType, a.Category, a.Label))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<CatalogueEntry>> ListAsync(Caller caller, int? storeId, CancellationToken ct = default)
    {
        var store = StoreOf(caller, storeId, Permission.ManageCatalogue);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CatalogueArticles.AsNoTracking()
            .Where(a => a.StoreId == store)
            .OrderBy(a => a.Label).ThenBy(a => a.Reference)
            .Select(a => new CatalogueEntry(a.Id, a.Reference, a.ArticleType, a.Category, a.Label))
            .ToListAsync(ct);
    }

    /// <summary>« Références à ajouter »: references sold in the store (sales not purged) that the catalogue does not know.</summary>
    public async Task<IReadOnlyList<MissingReference>> MissingAsync(Caller caller, int? storeId, CancellationToken ct = default)
    {
        var store = StoreOf(caller, storeId, Permission.ManageCatalogue);
        await using var db = await factory.CreateDbContextAsync(ct);
        var lines = await db.SaleLines.AsNoTracking()
            .Join(db.Sales.Where(s => s.StoreId == store), l => l.SaleId, s => s.Id, (l, s) => new { l.Reference, l.ArticleType, l.Category, s.SoldAt, s.Id })
            .Where(l => !db.CatalogueArticles.Any(a => a.StoreId == store && a.Reference == l.Reference))
            .OrderByDescending(l => l.SoldAt)
            .Take(2000)
            .ToListAsync(ct);
        return lines.GroupBy(l => l.Reference)
            .Select(g => new MissingReference(g.Key, g.First().ArticleType, g.First().Category, g.Select(l => l.Id).Distinct().Count()))
            .OrderByDescending(m => m.Sales).ThenBy(m => m.Reference)
            .Take(200)
            .ToList();
    }

    /// <summary>Adds the article, or updates the one with the same reference in the store.</summary>
    public async Task SaveAsync(Caller caller, int? storeId, CatalogueInput input, CancellationToken ct = default)
    {
        var store = StoreOf(caller, storeId, Permission.ManageCatalogue);
        InvalidInputException.ThrowIfAny(input.Validate());
        await using var db = await factory.CreateDbContextAsync(ct);
        var added = await UpsertAsync(db, store, input, ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.CatalogueChanged, clock.GetUtcNow(),
            new { reference = ProductReference.Normalize(input.Reference), added }, "Catalogue", store.ToString(System.Globalization.CultureInfo.InvariantCulture), store));
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Caller caller, int? storeId, long articleId, CancellationToken ct = default)
    {
        var store = StoreOf(caller, storeId, Permission.ManageCatalogue);
        await using var db = await factory.CreateDbContextAsync(ct);
        var article = await db.CatalogueArticles.FirstOrDefaultAsync(a => a.Id == articleId && a.StoreId == store, ct)
            ?? throw new InvalidInputException("", "Cet article n'est pas (ou plus) dans le catalogue de ce magasin.");
        db.CatalogueArticles.Remove(article);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.CatalogueChanged, clock.GetUtcNow(),
            new { reference = article.Reference, deleted = true }, "Catalogue", store.ToString(System.Globalization.CultureInfo.InvariantCulture), store));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Imports a CSV file (<see cref="CatalogueCsv"/>): every line is checked first; one bad line and nothing is imported.</summary>
    public async Task<CatalogueImportResult> ImportAsync(Caller caller, int? storeId, byte[] file, CancellationToken ct = default)
    {
        var store = StoreOf(caller, storeId, Permission.ManageCatalogue);
        var (articles, errors) = CatalogueCsv.Read(CatalogueCsv.Decode(file));
        if (errors.Count > 0)
        {
            return new CatalogueImportResult(0, 0, errors);
        }
        if (articles.Count == 0)
        {
            return new CatalogueImportResult(0, 0, [new CsvLineError(2, "Le fichier ne contient aucun article après l'en-tête.")]);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var added = 0;
        foreach (var (_, input) in articles)
        {
            added += await UpsertAsync(db, store, input, ct) ? 1 : 0;
        }
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.CatalogueImported, clock.GetUtcNow(),
            new { added, updated = articles.Count - added }, "Catalogue", store.ToString(System.Globalization.CultureInfo.InvariantCulture), store));
        await db.SaveChangesAsync(ct);
        return new CatalogueImportResult(added, articles.Count - added, []);
    }

    private async Task<bool> UpsertAsync(RegisFlowDbContext db, int store, CatalogueInput input, CancellationToken ct)
    {
        var reference = ProductReference.Normalize(input.Reference);
        var article = db.CatalogueArticles.Local.FirstOrDefault(a => a.StoreId == store && a.Reference == reference)
            ?? await db.CatalogueArticles.FirstOrDefaultAsync(a => a.StoreId == store && a.Reference == reference, ct);
        var added = article is null;
        article ??= db.CatalogueArticles.Add(new CatalogueArticle { StoreId = store, Reference = reference, Label = "" }).Entity;
        article.ReferenceKind = ProductReference.KindOf(reference, !CatalogueInput.LooksLikeBarcode(reference))!.Value;
        article.ArticleType = input.ArticleType!.Value;
        article.Category = input.Category!.Value;
        article.Label = TypedText.Clean(input.Label);
        article.UpdatedAt = clock.GetUtcNow();
        return added;
    }
}
