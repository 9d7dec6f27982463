namespace RegisFlow.Domain.Sales;

public class SaleLine
{
    public long Id { get; set; }
    public long SaleId { get; set; }
    public int Position { get; set; }
    public ArticleType ArticleType { get; set; }
    public FireworkCategory Category { get; set; }
    public int Quantity { get; set; }
    public required string Reference { get; set; }
    public ReferenceKind ReferenceKind { get; set; }
}
