using System.Globalization;
using System.Text.RegularExpressions;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Tests.History;

namespace RegisFlow.Tests.Sales;

public class RegisterFieldsTests
{
    private static readonly SaleRecord Sample = new(
        Id: 42, StoreId: 1, StoreName: "Magasin Principal",
        SoldAt: new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567),
        SellerName: "Paul Vendeur", BuyerLastName: "Lefèvre", BuyerFirstNames: "Élodie Marie", BuyerBirthDate: new DateOnly(1985, 6, 14),
        BuyerBirthPlace: "Besançon", BuyerAddress: "12 rue des Lilas", PaymentMethod: PaymentMethod.Cash,
        IdDocumentType: IdDocumentType.NationalIdCard, IdDocumentNumber: "X4RTBPFW4", IdDocumentAuthority: "Préfecture du Rhône",
        IdDocumentIssueDate: new DateOnly(2021, 3, 2), CreatedBy: null, CreatedAt: new DateTimeOffset(2026, 11, 10, 22, 30, 0, TimeSpan.Zero),
        Lines: [new SaleLineRecord(1, ArticleType.Rocket, FireworkCategory.F2, 3, "PET-ROUGE-12", ReferenceKind.Shop)],
        Photos: [new SalePhotoInfo(7, PhotoKind.IdFront, "image/jpeg", 10, 10, 100)]);

    [Fact]
    public void Keys_and_labels_are_unique_and_keys_are_plain_identifiers()
    {
        var keys = RegisterFields.Sale.Select(f => f.Key).Concat(RegisterFields.Line.Select(f => f.Key)).ToList();
        var labels = RegisterFields.Sale.Select(f => f.Label).Concat(RegisterFields.Line.Select(f => f.Label)).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(keys, key => Assert.Matches(new Regex("^[a-z]+\\.[a-z_]+$"), key));
        Assert.All(RegisterFields.Line, f => Assert.Equal(RegisterSection.Articles, f.Section));
        Assert.DoesNotContain(RegisterFields.Sale, f => f.Section == RegisterSection.Articles);
    }

    [Fact]
    public void The_buyers_identity_and_id_document_are_flagged_as_personal_data_and_nothing_else()
    {
        Assert.Equal(
            ["buyer.last_name", "buyer.first_names", "buyer.birth_date", "buyer.birth_place", "buyer.address",
             "id.type", "id.number", "id.authority", "id.issue_date"],
            RegisterFields.Sale.Where(f => f.IsBuyerPersonalData).Select(f => f.Key));
        Assert.DoesNotContain(RegisterFields.Line, f => f.IsBuyerPersonalData);
        Assert.Equal(["sale.store", "entry.created_by"], RegisterFields.Sale.Where(f => !f.IsStoredWithSale).Select(f => f.Key));
    }

    [Fact]
    public void Values_read_in_french_with_the_sale_time_in_paris()
    {
        var texts = RegisterFields.Sale.ToDictionary(f => f.Key, f => f.Text(Sample, TestSales.Paris));

        Assert.Equal("42", texts["sale.number"]);
        Assert.Equal("01/07/2026 12:00", texts["sale.sold_at"]);
        Assert.Equal("10/11/2026 23:30", texts["entry.created_at"]);
        Assert.Equal("Espèce", texts["sale.payment_method"]);
        Assert.Equal("Élodie Marie", texts["buyer.first_names"]);
        Assert.Equal("14/06/1985", texts["buyer.birth_date"]);
        Assert.Equal("Carte Nationale d'Identité", texts["id.type"]);
        Assert.Equal("Préfecture du Rhône", texts["id.authority"]);
        Assert.Equal("", texts["entry.created_by"]);
        Assert.Equal(["1", "Fusée", "F2", "3", "PET-ROUGE-12", "Référence magasin"],
            RegisterFields.Line.Select(f => f.Text(Sample.Lines[0], TestSales.Paris)));
    }

    [Fact]
    public void Canonical_texts_are_the_same_in_any_culture_and_keep_what_postgresql_keeps()
    {
        var expected = Canonical();
        Assert.Equal("2026-07-01T10:00:00.123456Z", expected["sale.sold_at"]);
        Assert.Equal("1985-06-14", expected["buyer.birth_date"]);
        Assert.Equal("Cash", expected["sale.payment_method"]);
        Assert.Equal("NationalIdCard", expected["id.type"]);
        Assert.Equal("42", expected["sale.number"]);
        Assert.Equal(["1", "Rocket", "F2", "3", "PET-ROUGE-12", "Shop"], RegisterFields.Line.Select(f => f.Canonical(Sample.Lines[0])));

        var original = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "fr-FR", "ar-SA", "th-TH", "tr-TR", "en-US" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                Assert.Equal(expected, Canonical());
                Assert.Equal("14/06/1985", RegisterFields.BuyerBirthDate.Text(Sample, TestSales.Paris));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Canonical_text_is_in_composed_unicode_whichever_way_it_was_typed()
    {
        var decomposed = Sample with { BuyerFirstNames = "E\u0301lodie" };

        Assert.Equal("Élodie", RegisterFields.BuyerFirstNames.Canonical(decomposed));
    }

    private static Dictionary<string, string> Canonical() => RegisterFields.Sale.ToDictionary(f => f.Key, f => f.Canonical(Sample));
}
