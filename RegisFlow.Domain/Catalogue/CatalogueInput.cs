using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Catalogue;

/// <summary>What the catalogue form and each CSV line give for one article.</summary>
public sealed class CatalogueInput
{
    public const int MaxLabelLength = 200;

    public string Reference { get; set; } = "";
    public ArticleType? ArticleType { get; set; }
    public FireworkCategory? Category { get; set; }
    public string Label { get; set; } = "";

    /// <summary>The reference's kind: a string of 8 or 13 digits is a barcode, anything else a shop reference.</summary>
    public static bool LooksLikeBarcode(string reference) =>
        ProductReference.Normalize(reference) is { Length: 8 or 13 } r && r.All(char.IsAsciiDigit);

    /// <summary>French messages for the article's fields (empty when it may be saved).</summary>
    public IReadOnlyList<InputError> Validate()
    {
        var errors = new List<InputError>();
        if (ProductReference.Problem(Reference, withoutBarcode: !LooksLikeBarcode(Reference)) is { } problem)
        {
            errors.Add(new InputError(nameof(Reference), problem));
        }
        if (ArticleType is not { } type || !Enum.IsDefined(type))
        {
            errors.Add(new InputError(nameof(ArticleType), "Choisissez le type d'article."));
        }
        if (Category is not { } category || !Enum.IsDefined(category))
        {
            errors.Add(new InputError(nameof(Category), "Choisissez la catégorie (F2 ou F3)."));
        }
        else if (ArticleType is { } t && Enum.IsDefined(t) && !t.Allows(category))
        {
            errors.Add(new InputError(nameof(Category), $"La catégorie {category} n'est pas autorisée pour « {t.Label()} »."));
        }
        var label = TypedText.Clean(Label);
        if (TypedText.Problem(Label, multiLine: false) is { } textProblem)
        {
            errors.Add(new InputError(nameof(Label), textProblem));
        }
        else if (label.Length == 0)
        {
            errors.Add(new InputError(nameof(Label), "Le libellé est obligatoire."));
        }
        else if (label.Length > MaxLabelLength)
        {
            errors.Add(new InputError(nameof(Label), $"Le libellé ne peut pas dépasser {MaxLabelLength} caractères."));
        }
        return errors;
    }
}
