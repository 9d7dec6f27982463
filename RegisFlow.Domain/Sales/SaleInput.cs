namespace RegisFlow.Domain.Sales;

/// <summary>What the sale form collects; checked by <see cref="SaleValidator"/> in the form and again in <see cref="SaleService"/>.</summary>
public sealed class SaleInput
{
    public string SellerName { get; set; } = "";
    public List<SaleLineInput> Lines { get; set; } = [new()];

    public string BuyerLastName { get; set; } = "";
    public string BuyerFirstNames { get; set; } = "";
    public DateOnly? BuyerBirthDate { get; set; }
    public string BuyerBirthPlace { get; set; } = "";
    public string BuyerAddress { get; set; } = "";
    public PaymentMethod? PaymentMethod { get; set; }

    public IdDocumentType? IdDocumentType { get; set; }
    public string IdDocumentNumber { get; set; } = "";
    public string IdDocumentAuthority { get; set; } = "";
    public DateOnly? IdDocumentIssueDate { get; set; }

    /// <summary>
    /// Why a photo the store requires cannot be taken: null while the clerk has not said a photo is impossible, then what they type.
    /// </summary>
    public string? MissingPhotosReason { get; set; }
}

public sealed class SaleLineInput
{
    public ArticleType? ArticleType { get; set; }
    public FireworkCategory? Category { get; set; }
    public int? Quantity { get; set; } = 1;
    public string Reference { get; set; } = "";

    /// <summary>The clerk declares the article has no barcode: <see cref="Reference"/> is then the shop's own reference.</summary>
    public bool WithoutBarcode { get; set; }

    /// <summary>Changes the type and keeps the category only if the new type allows it (preselected when it allows just one).</summary>
    public void ChangeArticleType(ArticleType? type)
    {
        ArticleType = type;
        var allowed = type?.AllowedCategories() ?? [];
        if (allowed.Count == 1)
        {
            Category = allowed[0];
        }
        else if (Category is { } category && !allowed.Contains(category))
        {
            Category = null;
        }
    }
}
