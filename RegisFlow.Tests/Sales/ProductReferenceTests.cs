using RegisFlow.Domain.Sales;

namespace RegisFlow.Tests.Sales;

public class ProductReferenceTests
{
    private const string Ean13Wrong = "Le code EAN-13 est invalide (clé de contrôle incorrecte) : vérifiez la saisie.";
    private const string Ean8Wrong = "Le code EAN-8 est invalide (clé de contrôle incorrecte) : vérifiez la saisie.";

    [Theory]
    [InlineData("4006381333931")]
    [InlineData("5901234123457")]
    [InlineData("9782070612758")]
    [InlineData("3017620422003")]
    [InlineData(" 4006381333931 ")]
    public void Valid_ean13_codes_are_accepted_as_ean13(string code)
    {
        Assert.Null(ProductReference.Problem(code, withoutBarcode: false));
        Assert.Equal(ReferenceKind.Ean13, ProductReference.KindOf(code, withoutBarcode: false));
    }

    [Theory]
    [InlineData("96385074")]
    [InlineData("55123457")]
    [InlineData("73513537")]
    [InlineData(" 40170725 ")]
    public void Valid_ean8_codes_are_accepted_as_ean8(string code)
    {
        Assert.Null(ProductReference.Problem(code, withoutBarcode: false));
        Assert.Equal(ReferenceKind.Ean8, ProductReference.KindOf(code, withoutBarcode: false));
    }

    [Theory]
    [InlineData("4006381333932", Ean13Wrong)]
    [InlineData("5901234123450", Ean13Wrong)]
    [InlineData("3760123456789", Ean13Wrong)]
    [InlineData("96385075", Ean8Wrong)]
    [InlineData("55123450", Ean8Wrong)]
    public void A_wrong_check_digit_is_refused(string code, string message)
    {
        Assert.Equal(message, ProductReference.Problem(code, withoutBarcode: false));
        Assert.Null(ProductReference.KindOf(code, withoutBarcode: false));
    }

    [Theory]
    [InlineData("40063813339AB")]
    [InlineData("4006-38133393")]
    [InlineData("４００６３８１３３３９３１")]
    [InlineData("PET-ROUGE-12")]
    public void Letters_and_other_characters_are_refused_as_a_barcode(string code) =>
        Assert.Equal("Le code-barres ne doit contenir que des chiffres (pour une référence du magasin, cochez « Sans code-barres »).",
            ProductReference.Problem(code, withoutBarcode: false));

    [Theory]
    [InlineData("400638133393", 12)]
    [InlineData("40063813339310", 14)]
    [InlineData("9638507", 7)]
    [InlineData("963850745", 9)]
    public void Barcodes_of_other_lengths_than_13_or_8_digits_are_refused(string code, int length) =>
        Assert.Equal($"Le code-barres doit comporter 13 chiffres (EAN-13) ou 8 chiffres (EAN-8) (ici {length}).",
            ProductReference.Problem(code, withoutBarcode: false));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_missing_code_is_refused(string? code)
    {
        Assert.Equal("Le code-barres est obligatoire (pour un article sans code-barres, cochez « Sans code-barres »).",
            ProductReference.Problem(code, withoutBarcode: false));
        Assert.Equal("La référence du magasin est obligatoire.", ProductReference.Problem(code, withoutBarcode: true));
    }

    [Theory]
    [InlineData("PET-ROUGE-12")]
    [InlineData("Fontaine 3 couleurs")]
    [InlineData("12345")]
    [InlineData("B/25 #4")]
    public void A_free_shop_reference_is_accepted_only_when_the_article_is_declared_without_barcode(string code)
    {
        Assert.NotNull(ProductReference.Problem(code, withoutBarcode: false));
        Assert.Null(ProductReference.KindOf(code, withoutBarcode: false));

        Assert.Null(ProductReference.Problem(code, withoutBarcode: true));
        Assert.Equal(ReferenceKind.Shop, ProductReference.KindOf(code, withoutBarcode: true));
    }

    [Theory]
    [InlineData("4006381333932", "13 chiffres forment un code EAN-13, dont la clé de contrôle est ici incorrecte : vérifiez la saisie.")]
    [InlineData("96385075", "8 chiffres forment un code EAN-8, dont la clé de contrôle est ici incorrecte : vérifiez la saisie.")]
    [InlineData("4006381333931", "Ce code est un EAN-13 valide : décochez « Sans code-barres ».")]
    [InlineData("96385074", "Ce code est un EAN-8 valide : décochez « Sans code-barres ».")]
    public void Thirteen_or_eight_digits_are_never_taken_as_a_shop_reference(string code, string message) =>
        Assert.Equal(message, ProductReference.Problem(code, withoutBarcode: true));

    [Fact]
    public void A_shop_reference_has_at_most_40_printable_characters()
    {
        Assert.Null(ProductReference.Problem(new string('A', 40), withoutBarcode: true));
        Assert.Equal("La référence ne peut pas dépasser 40 caractères.", ProductReference.Problem(new string('A', 41), withoutBarcode: true));
        foreach (var code in new[] { "REF\t12", "REF\n12", "REF\u200B12", "REF\u000712" })
        {
            Assert.Equal("La référence ne doit contenir que des caractères imprimables.", ProductReference.Problem(code, withoutBarcode: true));
        }
    }

    [Fact]
    public void The_check_digit_follows_the_gs1_rule_for_both_lengths()
    {
        Assert.Equal(1, ProductReference.CheckDigit("400638133393"));
        Assert.Equal(4, ProductReference.CheckDigit("9638507"));
    }

    [Fact]
    public void Each_kind_has_its_french_label()
    {
        Assert.Equal(["EAN-13", "EAN-8", "Référence magasin"], Enum.GetValues<ReferenceKind>().Select(k => k.Label()));
    }
}
