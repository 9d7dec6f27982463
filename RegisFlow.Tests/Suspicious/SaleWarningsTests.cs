using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Suspicious;
using RegisFlow.Tests.Sales;

namespace RegisFlow.Tests.Suspicious;

/// <summary>What the sale form points out without refusing: store thresholds and an ID older than its usual validity.</summary>
public class SaleWarningsTests
{
    private static readonly DateOnly Today = SaleSamples.SaleDate;

    [Fact]
    public void A_sale_under_every_threshold_with_a_recent_id_has_no_warning() =>
        Assert.Empty(SaleWarnings.For(SaleSamples.ValidInput(), new SaleThresholds(3, 4, 4), new SalesOptions(), Today));

    [Fact]
    public void Quantities_over_the_store_thresholds_and_a_large_cash_purchase_are_warned_and_the_sale_stays_valid()
    {
        var input = SaleSamples.ValidInput();
        input.Lines[0].Quantity = 12;
        input.PaymentMethod = PaymentMethod.Cash;

        var warnings = SaleWarnings.For(input, new SaleThresholds(10, 12, 8), new SalesOptions(), Today);

        Assert.Equal([
            "Ligne 1 : quantité de 12 au-dessus du seuil habituel du magasin (10 par ligne).",
            "Quantité totale de 13 articles au-dessus du seuil habituel du magasin (12).",
            "Paiement en espèces pour 13 articles (seuil du magasin : 8) : un achat important payé en espèces est un motif de refus possible.",
        ], warnings);
        Assert.True(new SaleValidator(new SalesOptions()).Validate(input, Today, SaleSamples.AllPhotos, photosRequired: true).IsValid);
        input.PaymentMethod = PaymentMethod.Card;
        Assert.Equal(2, SaleWarnings.For(input, new SaleThresholds(10, 12, 8), new SalesOptions(), Today).Count);
    }

    [Fact]
    public void An_id_older_than_its_usual_validity_is_warned_per_type_and_configurable()
    {
        var input = SaleSamples.ValidInput();
        input.IdDocumentIssueDate = Today.AddYears(-12);
        Assert.Null(SaleWarnings.IdValidityWarning(input, new SalesOptions(), Today));

        input.IdDocumentType = IdDocumentType.Passport;
        Assert.Equal($"Pièce d'identité délivrée le {Today.AddYears(-12).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}, il y a plus de 10 ans (durée de validité habituelle : Passeport) : "
            + "vérifiez la date d'expiration inscrite sur la pièce.", SaleWarnings.IdValidityWarning(input, new SalesOptions(), Today));
        Assert.True(new SaleValidator(new SalesOptions()).Validate(input, Today, SaleSamples.AllPhotos, photosRequired: true).IsValid);

        input.IdDocumentType = IdDocumentType.NationalIdCard;
        input.IdDocumentIssueDate = Today.AddYears(-15).AddDays(-1);
        Assert.NotNull(SaleWarnings.IdValidityWarning(input, new SalesOptions(), Today));
        var options = new SalesOptions();
        options.IdValidityYears[IdDocumentType.NationalIdCard] = 20;
        Assert.Null(SaleWarnings.IdValidityWarning(input, options, Today));
    }
}

public class IdValidityOptionsTests
{
    [Fact]
    public void The_usual_validity_of_each_id_is_read_from_the_regisflow_sales_section_and_keeps_the_other_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RegisFlow:Sales:IdValidityYears:DrivingLicence"] = "20",
        }).Build();

        var options = new ServiceCollection().AddSales(configuration).BuildServiceProvider().GetRequiredService<SalesOptions>();

        Assert.Equal(20, options.IdValidityYears[IdDocumentType.DrivingLicence]);
        Assert.Equal(15, options.IdValidityYears[IdDocumentType.NationalIdCard]);
        Assert.Equal(10, options.IdValidityYears[IdDocumentType.Passport]);
    }
}
