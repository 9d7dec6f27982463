using RegisFlow.Domain.Sales;

namespace RegisFlow.Tests.Sales;

public class Ean13Tests
{
    [Theory]
    [InlineData("4006381333931")]
    [InlineData("5901234123457")]
    [InlineData("9782070612758")]
    [InlineData("3017620422003")]
    [InlineData(" 4006381333931 ")]
    public void Valid_codes_are_accepted(string code) => Assert.Null(Ean13.Problem(code));

    [Theory]
    [InlineData("4006381333932")]
    [InlineData("5901234123450")]
    [InlineData("3760123456789")]
    public void A_wrong_check_digit_is_refused(string code) =>
        Assert.Equal("Le code EAN-13 est invalide (clé de contrôle incorrecte) : vérifiez la saisie.", Ean13.Problem(code));

    [Theory]
    [InlineData("40063813339AB")]
    [InlineData("4006-38133393")]
    [InlineData("４００６３８１３３３９３１")]
    public void Letters_and_other_characters_are_refused(string code) =>
        Assert.Equal("Le code EAN-13 ne doit contenir que des chiffres.", Ean13.Problem(code));

    [Theory]
    [InlineData("400638133393", 12)]
    [InlineData("40063813339310", 14)]
    public void Codes_of_12_or_14_digits_are_refused(string code, int length) =>
        Assert.Equal($"Le code EAN-13 doit comporter 13 chiffres (ici {length}).", Ean13.Problem(code));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_missing_code_is_refused(string? code) => Assert.Equal("Le code EAN-13 est obligatoire.", Ean13.Problem(code));
}
