using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Tests.Sales;

public class SaleValidatorTests
{
    private readonly SaleValidator _validator = new(new SalesOptions());

    // The rules of a store whose setting « Photos obligatoires » is on, unless a test says otherwise.
    private SaleErrors Validate(SaleInput input, IReadOnlyCollection<PhotoKind>? photos = null, bool photosRequired = true) =>
        _validator.Validate(input, SaleSamples.SaleDate, photos ?? SaleSamples.AllPhotos, photosRequired);

    [Fact]
    public void A_complete_sale_is_valid() => Assert.True(Validate(SaleSamples.ValidInput()).IsValid);

    [Fact]
    public void An_empty_form_lists_every_missing_field_in_french()
    {
        var errors = Validate(new SaleInput(), []);

        Assert.Equal("Le nom du vendeur est obligatoire.", errors.For(SaleFields.SellerName));
        Assert.Equal("Choisissez le type d'article.", errors.For("Lines[0].ArticleType"));
        Assert.Equal("Choisissez la catégorie.", errors.For("Lines[0].Category"));
        Assert.Equal("Le code-barres est obligatoire (pour un article sans code-barres, cochez « Sans code-barres »).", errors.For("Lines[0].Reference"));
        Assert.Equal("Le nom de l'acheteur est obligatoire.", errors.For(SaleFields.BuyerLastName));
        Assert.Equal("Les prénoms de l'acheteur sont obligatoires (tous ceux de la pièce d'identité).", errors.For(SaleFields.BuyerFirstNames));
        Assert.Equal("La date de naissance est obligatoire.", errors.For(SaleFields.BuyerBirthDate));
        Assert.Equal("Le lieu de naissance est obligatoire.", errors.For(SaleFields.BuyerBirthPlace));
        Assert.Equal("L'adresse de l'acheteur est obligatoire.", errors.For(SaleFields.BuyerAddress));
        Assert.Equal("Choisissez le moyen de paiement.", errors.For(SaleFields.PaymentMethod));
        Assert.Equal("Choisissez le type de pièce d'identité.", errors.For(SaleFields.IdDocumentType));
        Assert.Equal("Le numéro de la pièce d'identité est obligatoire.", errors.For(SaleFields.IdDocumentNumber));
        Assert.Equal("La date de délivrance est obligatoire.", errors.For(SaleFields.IdDocumentIssueDate));
        Assert.NotNull(errors.For(SaleFields.Photo(PhotoKind.IdFront)));
        Assert.NotNull(errors.For(SaleFields.Photo(PhotoKind.IdBack)));
        Assert.NotNull(errors.For(SaleFields.Photo(PhotoKind.Receipt)));
        Assert.Equal("L'autorité de délivrance est obligatoire (par exemple « Préfecture du Rhône »).", errors.For(SaleFields.IdDocumentAuthority));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void The_issuing_authority_of_the_id_is_required(string authority)
    {
        var input = SaleSamples.ValidInput();
        input.IdDocumentAuthority = authority;

        Assert.Equal("L'autorité de délivrance est obligatoire (par exemple « Préfecture du Rhône »).",
            Validate(input).For(SaleFields.IdDocumentAuthority));
    }

    [Fact]
    public void A_line_takes_an_ean8_or_a_shop_reference_the_clerk_declared_but_never_an_undeclared_one()
    {
        var input = SaleSamples.ValidInput();
        input.Lines[0].Reference = "96385074";
        input.Lines[1].Reference = "PET-ROUGE-12";

        Assert.Null(Validate(input).For("Lines[0].Reference"));
        Assert.NotNull(Validate(input).For("Lines[1].Reference"));

        input.Lines[1].WithoutBarcode = true;
        Assert.True(Validate(input).IsValid);

        input.Lines[0].Reference = "96385075";
        Assert.Equal("Le code EAN-8 est invalide (clé de contrôle incorrecte) : vérifiez la saisie.", Validate(input).For("Lines[0].Reference"));
    }

    [Fact]
    public void A_sale_needs_at_least_one_product_line()
    {
        var input = SaleSamples.ValidInput();
        input.Lines.Clear();

        Assert.Equal("Ajoutez au moins un produit.", Validate(input).For(SaleFields.Lines));
    }

    [Theory]
    [InlineData(ArticleType.Fountain, new[] { FireworkCategory.F2 })]
    [InlineData(ArticleType.Rocket, new[] { FireworkCategory.F2, FireworkCategory.F3 })]
    [InlineData(ArticleType.RomanCandle, new[] { FireworkCategory.F2, FireworkCategory.F3 })]
    [InlineData(ArticleType.Battery, new[] { FireworkCategory.F3 })]
    [InlineData(ArticleType.FuseFirecracker, new[] { FireworkCategory.F3 })]
    public void Each_article_type_allows_only_its_regulated_categories(ArticleType type, FireworkCategory[] allowed)
    {
        Assert.Equal(allowed, type.AllowedCategories());
        foreach (var category in Enum.GetValues<FireworkCategory>())
        {
            var input = SaleSamples.ValidInput();
            input.Lines[0] = new SaleLineInput { ArticleType = type, Category = category, Quantity = 1, Reference = "4006381333931" };

            var error = Validate(input).For("Lines[0].Category");

            if (allowed.Contains(category))
            {
                Assert.Null(error);
            }
            else
            {
                Assert.Equal($"La catégorie {category} n'est pas autorisée pour « {type.Label()} ».", error);
            }
        }
    }

    [Fact]
    public void Changing_the_type_preselects_the_only_category_and_drops_a_forbidden_one()
    {
        var line = new SaleLineInput();
        line.ChangeArticleType(ArticleType.Fountain);
        Assert.Equal(FireworkCategory.F2, line.Category);

        line.ChangeArticleType(ArticleType.Rocket);
        Assert.Equal(FireworkCategory.F2, line.Category);

        line.ChangeArticleType(ArticleType.Battery);
        Assert.Equal(FireworkCategory.F3, line.Category);

        line.ChangeArticleType(ArticleType.Rocket);
        Assert.Equal(FireworkCategory.F3, line.Category);
    }

    [Fact]
    public void A_buyer_turning_18_the_day_after_the_sale_is_refused()
    {
        var input = SaleSamples.ValidInput();
        input.BuyerBirthDate = SaleSamples.SaleDate.AddYears(-18).AddDays(1);
        input.IdDocumentIssueDate = SaleSamples.SaleDate.AddMonths(-1);

        Assert.Equal("Vente refusée : l'acheteur doit avoir au moins 18 ans le jour de la vente.", Validate(input).For(SaleFields.BuyerBirthDate));
    }

    [Fact]
    public void A_buyer_turning_18_on_the_sale_date_is_accepted()
    {
        var input = SaleSamples.ValidInput();
        input.BuyerBirthDate = SaleSamples.SaleDate.AddYears(-18);
        input.IdDocumentIssueDate = SaleSamples.SaleDate.AddMonths(-1);

        Assert.True(Validate(input).IsValid);
    }

    [Fact]
    public void A_buyer_born_on_29_february_comes_of_age_on_1_march()
    {
        var birth = new DateOnly(2008, 2, 29);
        Assert.Equal(17, SaleValidator.AgeOn(birth, new DateOnly(2026, 2, 28)));
        Assert.Equal(18, SaleValidator.AgeOn(birth, new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void The_minimum_age_is_configured_per_category_and_the_strictest_applies()
    {
        var validator = new SaleValidator(new SalesOptions { MinimumAgeF2 = 16, MinimumAgeF3 = 18 });
        var input = SaleSamples.ValidInput();
        input.BuyerBirthDate = SaleSamples.SaleDate.AddYears(-17);
        input.IdDocumentIssueDate = SaleSamples.SaleDate.AddMonths(-1);
        input.Lines.RemoveAt(1);
        Assert.True(validator.Validate(input, SaleSamples.SaleDate, SaleSamples.AllPhotos, photosRequired: true).IsValid);

        input.Lines.Add(new SaleLineInput { ArticleType = ArticleType.Battery, Category = FireworkCategory.F3, Quantity = 1, Reference = "5901234123457" });
        Assert.Equal("Vente refusée : l'acheteur doit avoir au moins 18 ans le jour de la vente.",
            validator.Validate(input, SaleSamples.SaleDate, SaleSamples.AllPhotos, photosRequired: true).For(SaleFields.BuyerBirthDate));
    }

    [Theory]
    [InlineData(0, "La quantité doit être d'au moins 1.")]
    [InlineData(-2, "La quantité doit être d'au moins 1.")]
    [InlineData(51, "La quantité ne peut pas dépasser 50 par ligne.")]
    [InlineData(null, "La quantité est obligatoire.")]
    public void Quantity_must_be_between_1_and_the_ceiling(int? quantity, string message)
    {
        var input = SaleSamples.ValidInput();
        input.Lines[1].Quantity = quantity;

        Assert.Equal(message, Validate(input).For("Lines[1].Quantity"));
    }

    [Fact]
    public void A_quantity_of_exactly_the_ceiling_is_accepted()
    {
        var input = SaleSamples.ValidInput();
        input.Lines[0].Quantity = 50;
        Assert.True(Validate(input).IsValid);
    }

    [Fact]
    public void Dates_in_the_future_are_refused()
    {
        var input = SaleSamples.ValidInput();
        input.BuyerBirthDate = SaleSamples.SaleDate.AddDays(1);
        input.IdDocumentIssueDate = SaleSamples.SaleDate.AddDays(1);

        var errors = Validate(input);

        Assert.Equal("La date de naissance ne peut pas être dans le futur.", errors.For(SaleFields.BuyerBirthDate));
        Assert.Equal("La date de délivrance ne peut pas être dans le futur.", errors.For(SaleFields.IdDocumentIssueDate));
    }

    [Fact]
    public void The_id_document_must_be_issued_after_birth()
    {
        var input = SaleSamples.ValidInput();
        input.IdDocumentIssueDate = input.BuyerBirthDate!.Value.AddDays(-3);

        Assert.Equal("La date de délivrance doit être postérieure à la date de naissance.", Validate(input).For(SaleFields.IdDocumentIssueDate));
    }

    [Fact]
    public void The_back_of_the_id_is_required_except_for_a_passport()
    {
        var input = SaleSamples.ValidInput();
        PhotoKind[] frontAndReceipt = [PhotoKind.IdFront, PhotoKind.Receipt];
        Assert.Equal("La photo du verso de la pièce d'identité est obligatoire (sauf pour un passeport).",
            Validate(input, frontAndReceipt).For(SaleFields.Photo(PhotoKind.IdBack)));

        input.IdDocumentType = IdDocumentType.Passport;
        Assert.True(Validate(input, frontAndReceipt).IsValid);
        Assert.Equal("La photo du ticket de caisse est obligatoire.",
            Validate(input, [PhotoKind.IdFront]).For(SaleFields.Photo(PhotoKind.Receipt)));
    }

    [Fact]
    public void In_a_store_with_optional_photos_a_sale_without_photos_is_valid()
    {
        Assert.True(Validate(SaleSamples.ValidInput(), [], photosRequired: false).IsValid);
        Assert.Empty(SaleValidator.RequiredPhotos(IdDocumentType.NationalIdCard, photosRequired: false));
    }

    [Fact]
    public void A_reason_typed_by_the_clerk_stands_in_for_the_photos_a_store_requires()
    {
        var input = SaleSamples.ValidInput();
        input.MissingPhotosReason = "  Appareil photo en panne ";

        Assert.True(Validate(input, [PhotoKind.Receipt]).IsValid);
    }

    [Fact]
    public void Photo_impossible_ticked_without_a_reason_asks_for_it_in_french()
    {
        var input = SaleSamples.ValidInput();
        input.MissingPhotosReason = "   ";

        var errors = Validate(input, [PhotoKind.IdFront, PhotoKind.IdBack]);

        Assert.Equal("Indiquez pourquoi la photo n'a pas pu être prise (par exemple « Appareil photo en panne »).", errors.For(SaleFields.MissingPhotosReason));
        Assert.Equal("La photo du ticket de caisse est obligatoire.", errors.For(SaleFields.Photo(PhotoKind.Receipt)));
    }

    [Fact]
    public void A_too_long_reason_is_refused()
    {
        var input = SaleSamples.ValidInput();
        input.MissingPhotosReason = new string('a', SaleValidator.MaxMissingPhotosReasonLength + 1);

        Assert.Equal("500 caractères au maximum.", Validate(input, []).For(SaleFields.MissingPhotosReason));
    }
}
