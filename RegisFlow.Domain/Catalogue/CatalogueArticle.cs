using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Catalogue;

/// <summary>One article a store sells: its reference (barcode or shop reference), type, category and label, to fill a sale's line.</summary>
public class CatalogueArticle
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public required string Reference { get; set; }
    public ReferenceKind ReferenceKind { get; set; }
    public ArticleType ArticleType { get; set; }
    public FireworkCategory Category { get; set; }
    public required string Label { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
