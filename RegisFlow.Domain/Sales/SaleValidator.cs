using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Sales;

/// <summary>
/// The register's rules for a sale, with a French message per field. The form shows them as the seller types;
/// <see cref="SaleService"/> runs them again before saving and is the authority.
/// </summary>
public sealed class SaleValidator(SalesOptions options)
{
    private const int MaxPlausibleAge = 120;

    /// <summary>Starts the message of a sale the law forbids (not merely incomplete), so the form can repeat it by the save button.</summary>
    public const string RefusalPrefix = "Vente refusée";

    public const int MaxMissingPhotosReasonLength = 500;

    public SalesOptions Options => options;

    /// <summary>
    /// Photos a sale needs in a store that requires them (<paramref name="photosRequired"/>, a setting of the store), none otherwise:
    /// the back of the document is not needed for a passport.
    /// </summary>
    public static IReadOnlyList<PhotoKind> RequiredPhotos(IdDocumentType? documentType, bool photosRequired) => !photosRequired
        ? []
        : documentType == Sales.IdDocumentType.Passport
            ? [PhotoKind.IdFront, PhotoKind.Receipt]
            : [PhotoKind.IdFront, PhotoKind.IdBack, PhotoKind.Receipt];

    /// <summary>The required photos the sale lacks: only then does a reason for the missing photos mean something.</summary>
    public static IReadOnlyList<PhotoKind> MissingPhotos(IdDocumentType? documentType, bool photosRequired, IReadOnlyCollection<PhotoKind> photos) =>
        RequiredPhotos(documentType, photosRequired).Where(k => !photos.Contains(k)).ToList();

    /// <summary>
    /// Checks <paramref name="input"/> for a sale made on <paramref name="saleDate"/> (shop's local date) with photos of the given kinds,
    /// in a store that requires photos or not (<paramref name="photosRequired"/>).
    /// </summary>
    public SaleErrors Validate(SaleInput input, DateOnly saleDate, IReadOnlyCollection<PhotoKind> photos, bool photosRequired)
    {
        var errors = new SaleErrors();
        Text(errors, SaleFields.SellerName, input.SellerName, 200, "Le nom du vendeur est obligatoire.");
        ValidateLines(errors, input.Lines);

        Text(errors, SaleFields.BuyerLastName, input.BuyerLastName, 100, "Le nom de l'acheteur est obligatoire.");
        Text(errors, SaleFields.BuyerFirstNames, input.BuyerFirstNames, 100, "Les prénoms de l'acheteur sont obligatoires (tous ceux de la pièce d'identité).");
        ValidateBirthDate(errors, input, saleDate);
        Text(errors, SaleFields.BuyerBirthPlace, input.BuyerBirthPlace, 200, "Le lieu de naissance est obligatoire.");
        Text(errors, SaleFields.BuyerAddress, input.BuyerAddress, 500, "L'adresse de l'acheteur est obligatoire.", multiLine: true);
        if (input.PaymentMethod is not { } payment || !Enum.IsDefined(payment))
        {
            errors.Add(SaleFields.PaymentMethod, "Choisissez le moyen de paiement.");
        }

        if (input.IdDocumentType is not { } documentType || !Enum.IsDefined(documentType))
        {
            errors.Add(SaleFields.IdDocumentType, "Choisissez le type de pièce d'identité.");
        }
        Text(errors, SaleFields.IdDocumentNumber, input.IdDocumentNumber, 50, "Le numéro de la pièce d'identité est obligatoire.");
        Text(errors, SaleFields.IdDocumentAuthority, input.IdDocumentAuthority, 200,
            "L'autorité de délivrance est obligatoire (par exemple « Préfecture du Rhône »).");
        ValidateIssueDate(errors, input, saleDate);
        ValidatePhotos(errors, input, photos, photosRequired);
        return errors;
    }

    /// <summary>Age in whole years on a date; someone born on 29 February comes of age on 1 March in other years.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly date)
    {
        var age = date.Year - birthDate.Year;
        return (date.Month, date.Day).CompareTo((birthDate.Month, birthDate.Day)) < 0 ? age - 1 : age;
    }

    /// <summary>Minimum age for the categories on the lines (the strictest one; both when none is chosen yet).</summary>
    public int MinimumAge(IEnumerable<SaleLineInput> lines)
    {
        var categories = lines.Select(l => l.Category).OfType<FireworkCategory>().Distinct().ToList();
        if (categories.Count == 0)
        {
            categories = [FireworkCategory.F2, FireworkCategory.F3];
        }
        return categories.Max(options.MinimumAge);
    }

    private void ValidateLines(SaleErrors errors, List<SaleLineInput>? lines)
    {
        if (lines is null || lines.Count == 0)
        {
            errors.Add(SaleFields.Lines, "Ajoutez au moins un produit.");
            return;
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.ArticleType is not { } type || !Enum.IsDefined(type))
            {
                errors.Add(SaleFields.Line(i, nameof(SaleLineInput.ArticleType)), "Choisissez le type d'article.");
            }
            if (line.Category is not { } category)
            {
                errors.Add(SaleFields.Line(i, nameof(SaleLineInput.Category)), "Choisissez la catégorie.");
            }
            else if (line.ArticleType is { } t && Enum.IsDefined(t) && !t.Allows(category))
            {
                errors.Add(SaleFields.Line(i, nameof(SaleLineInput.Category)),
                    $"La catégorie {category} n'est pas autorisée pour « {t.Label()} ».");
            }
            var quantityField = SaleFields.Line(i, nameof(SaleLineInput.Quantity));
            if (line.Quantity is not { } quantity)
            {
                errors.Add(quantityField, "La quantité est obligatoire.");
            }
            else if (quantity < 1)
            {
                errors.Add(quantityField, "La quantité doit être d'au moins 1.");
            }
            else if (quantity > options.MaxQuantityPerLine)
            {
                errors.Add(quantityField, $"La quantité ne peut pas dépasser {options.MaxQuantityPerLine} par ligne.");
            }
            if (ProductReference.Problem(line.Reference, line.WithoutBarcode) is { } problem)
            {
                errors.Add(SaleFields.Line(i, nameof(SaleLineInput.Reference)), problem);
            }
        }
    }

    private void ValidateBirthDate(SaleErrors errors, SaleInput input, DateOnly saleDate)
    {
        if (input.BuyerBirthDate is not { } birthDate)
        {
            errors.Add(SaleFields.BuyerBirthDate, "La date de naissance est obligatoire.");
            return;
        }
        if (birthDate > saleDate)
        {
            errors.Add(SaleFields.BuyerBirthDate, "La date de naissance ne peut pas être dans le futur.");
            return;
        }
        var age = AgeOn(birthDate, saleDate);
        var minimumAge = MinimumAge(input.Lines ?? []);
        if (age < minimumAge)
        {
            errors.Add(SaleFields.BuyerBirthDate, $"{RefusalPrefix} : l'acheteur doit avoir au moins {minimumAge} ans le jour de la vente.");
        }
        else if (age > MaxPlausibleAge)
        {
            errors.Add(SaleFields.BuyerBirthDate, "La date de naissance n'est pas plausible : vérifiez l'année.");
        }
    }

    private static void ValidateIssueDate(SaleErrors errors, SaleInput input, DateOnly saleDate)
    {
        if (input.IdDocumentIssueDate is not { } issueDate)
        {
            errors.Add(SaleFields.IdDocumentIssueDate, "La date de délivrance est obligatoire.");
        }
        else if (issueDate > saleDate)
        {
            errors.Add(SaleFields.IdDocumentIssueDate, "La date de délivrance ne peut pas être dans le futur.");
        }
        else if (input.BuyerBirthDate is { } birthDate && issueDate <= birthDate)
        {
            errors.Add(SaleFields.IdDocumentIssueDate, "La date de délivrance doit être postérieure à la date de naissance.");
        }
    }

    private static void ValidatePhotos(SaleErrors errors, SaleInput input, IReadOnlyCollection<PhotoKind> photos, bool photosRequired)
    {
        foreach (var kind in photos.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add(SaleFields.Photo(kind), "Une seule photo de ce type est attendue.");
        }
        var missing = MissingPhotos(input.IdDocumentType, photosRequired, photos);
        if (missing.Count == 0)
        {
            return;
        }
        // A reason typed by the clerk (camera out of order...) stands in for the missing photos.
        var reason = TypedText.Clean(input.MissingPhotosReason);
        if (TypedText.Problem(input.MissingPhotosReason, multiLine: false) is { } problem)
        {
            errors.Add(SaleFields.MissingPhotosReason, problem);
        }
        else if (reason.Length > MaxMissingPhotosReasonLength)
        {
            errors.Add(SaleFields.MissingPhotosReason, $"{MaxMissingPhotosReasonLength} caractères au maximum.");
        }
        else if (reason.Length > 0)
        {
            return;
        }
        else if (input.MissingPhotosReason is not null)
        {
            errors.Add(SaleFields.MissingPhotosReason, "Indiquez pourquoi la photo n'a pas pu être prise (par exemple « Appareil photo en panne »).");
        }
        foreach (var kind in missing)
        {
            errors.Add(SaleFields.Photo(kind), kind switch
            {
                PhotoKind.IdFront => "La photo du recto de la pièce d'identité est obligatoire.",
                PhotoKind.IdBack => "La photo du verso de la pièce d'identité est obligatoire (sauf pour un passeport).",
                _ => "La photo du ticket de caisse est obligatoire.",
            });
        }
    }

    private static void Text(SaleErrors errors, string field, string? value, int maxLength, string requiredMessage, bool multiLine = false)
    {
        var text = TypedText.Clean(value);
        if (TypedText.Problem(value, multiLine) is { } problem)
        {
            errors.Add(field, problem);
        }
        else if (text.Length == 0)
        {
            errors.Add(field, requiredMessage);
        }
        else if (text.Length > maxLength)
        {
            errors.Add(field, $"{maxLength} caractères au maximum.");
        }
    }
}
