using RegisFlow.Domain.Sales;

namespace RegisFlow.Tests.Sales;

public class SearchTextTests
{
    [Theory]
    [InlineData("Élodie  LEFÈVRE", "elodie lefevre")]
    [InlineData("  Cœur-de-Lion ", "coeur-de-lion")]
    [InlineData("Saint-Étienne (Loire)", "saint-etienne (loire)")]
    [InlineData("", "")]
    public void Text_is_lower_case_without_accents_and_extra_spaces(string text, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(text));

    [Fact]
    public void A_sale_is_found_by_the_buyers_names_document_eans_types_and_birth_place_but_not_by_its_seller()
    {
        var sale = new Sale
        {
            SellerName = "Zoé Vendeuse",
            BuyerLastName = "Müller",
            BuyerFirstNames = "Hélène",
            BuyerBirthPlace = "Besançon",
            BuyerAddress = "3 rue Haute",
            IdDocumentNumber = "X4RTBPFW4",
            IdDocumentAuthority = "Préfecture du Doubs",
            Lines =
            [
                new SaleLine { ArticleType = ArticleType.Rocket, Reference = "4006381333931" },
                new SaleLine { ArticleType = ArticleType.FuseFirecracker, Reference = "5901234123457" },
            ],
        };

        var text = SearchText.For(sale);

        foreach (var expected in new[] { "muller", "helene", "besancon", "x4rtbpfw4", "4006381333931", "5901234123457", "fusee", "petard a meche" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("rue haute", text, StringComparison.Ordinal);
        Assert.DoesNotContain("vendeuse", text, StringComparison.Ordinal);
    }
}
