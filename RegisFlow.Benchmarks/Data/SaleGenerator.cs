using System.Globalization;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Benchmarks.Data;

/// <summary>A store of the generated chain, with the people who sell there.</summary>
internal sealed record GeneratedStore(int Id, string Name, IReadOnlyList<(int UserId, string DisplayName)> Sellers);

/// <summary>
/// Realistic sales: French buyers, mixed article types and categories with valid EAN-13 codes, ID documents, payments.
/// Each one is a <see cref="SaleInput"/> checked by the app's <see cref="SaleValidator"/> and turned into the stored sale by
/// <see cref="SaleService.Build"/>, exactly as the sale form does, so every derived column is filled as on save.
/// </summary>
internal sealed class SaleGenerator
{
    private const int CatalogueSize = 400;

    private readonly Random _random;
    private readonly PhotoPool _photos;
    private readonly PhotoKey _photoKey;
    private readonly SaleValidator _validator;
    private readonly TimeZoneInfo _zone;
    private readonly (ArticleType Type, FireworkCategory Category, string Ean)[] _catalogue;

    public SaleGenerator(int seed, PhotoPool photos, PhotoKey photoKey, SaleValidator validator, TimeZoneInfo zone)
    {
        _random = new Random(seed);
        _photos = photos;
        _photoKey = photoKey;
        _validator = validator;
        _zone = zone;
        var types = Enum.GetValues<ArticleType>();
        _catalogue = Enumerable.Range(0, CatalogueSize).Select(_ =>
        {
            var type = types[_random.Next(types.Length)];
            var allowed = type.AllowedCategories();
            return (type, allowed[_random.Next(allowed.Count)], Ean());
        }).ToArray();
    }

    public Sale Next(DateTimeOffset soldAt, GeneratedStore store, bool withPhotos, long saleIdForPhotos)
    {
        var saleDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(soldAt, _zone).DateTime);
        var (userId, sellerName) = store.Sellers[_random.Next(store.Sellers.Count)];
        var input = Input(sellerName, saleDate);
        var kinds = withPhotos ? Enum.GetValues<PhotoKind>() : [];
        var errors = _validator.Validate(input, saleDate, SaleValidator.RequiredPhotos(input.IdDocumentType, photosRequired: true), photosRequired: true);
        if (!errors.IsValid)
        {
            throw new InvalidOperationException("Vente générée refusée par le validateur : "
                + string.Join(" ", errors.Messages.SelectMany(m => m.Value)));
        }
        var photos = kinds.Select(kind => (kind, _photos.For(saleIdForPhotos, kind))).ToList();
        return SaleService.Build(store.Id, userId, input, photos, _photoKey, soldAt);
    }

    private SaleInput Input(string sellerName, DateOnly saleDate)
    {
        var birthDate = saleDate.AddYears(-_random.Next(18, 85)).AddDays(-_random.Next(0, 365));
        var earliestIssue = Max(birthDate.AddYears(16), saleDate.AddYears(-14));
        var issueDate = earliestIssue.AddDays(_random.Next(0, Math.Max(1, saleDate.DayNumber - earliestIssue.DayNumber)));
        var documentType = Pick(
            (IdDocumentType.NationalIdCard, 70), (IdDocumentType.DrivingLicence, 15), (IdDocumentType.Passport, 10), (IdDocumentType.ResidencePermit, 5));
        var (postCode, town) = FrenchData.Towns[_random.Next(FrenchData.Towns.Length)];
        return new SaleInput
        {
            SellerName = sellerName,
            Lines = Enumerable.Range(0, Pick((1, 50), (2, 30), (3, 15), (4, 5))).Select(_ => Line()).ToList(),
            BuyerLastName = Skewed(FrenchData.LastNames),
            BuyerFirstNames = Skewed(FrenchData.FirstNames),
            BuyerBirthDate = birthDate,
            BuyerBirthPlace = FrenchData.Cities[_random.Next(FrenchData.Cities.Length)],
            BuyerAddress = string.Create(CultureInfo.InvariantCulture,
                $"{_random.Next(1, 180)} {FrenchData.Streets[_random.Next(FrenchData.Streets.Length)]}, {postCode} {town}"),
            PaymentMethod = Pick((PaymentMethod.Card, 55), (PaymentMethod.Cash, 25), (PaymentMethod.Cheque, 7), (PaymentMethod.GiftCard, 5), (PaymentMethod.Other, 8)),
            IdDocumentType = documentType,
            IdDocumentNumber = DocumentNumber(documentType),
            IdDocumentAuthority = FrenchData.Authorities[_random.Next(FrenchData.Authorities.Length)],
            IdDocumentIssueDate = issueDate,
        };
    }

    private SaleLineInput Line()
    {
        var (type, category, ean) = _catalogue[(int)(Math.Pow(_random.NextDouble(), 2) * _catalogue.Length)];
        return new SaleLineInput
        {
            ArticleType = type,
            Category = category,
            Quantity = Pick((1, 60), (2, 20), (3, 10), (5, 6), (10, 3), (20, 1)),
            Reference = ean,
        };
    }

    /// <summary>A valid EAN-13 of a French maker (prefix 3), check digit computed by the app's own rule.</summary>
    private string Ean()
    {
        var twelve = "3" + string.Concat(Enumerable.Range(0, 11).Select(_ => (char)('0' + _random.Next(10))));
        return twelve + (char)('0' + ProductReference.CheckDigit(twelve));
    }

    private string DocumentNumber(IdDocumentType type) => type switch
    {
        IdDocumentType.Passport => $"{Digits(2)}{Letters(2)}{Digits(5)}",
        IdDocumentType.DrivingLicence => Digits(12),
        IdDocumentType.ResidencePermit => Digits(10),
        _ => _random.Next(2) == 0 ? Digits(12) : Letters(1) + string.Concat(Enumerable.Range(0, 8).Select(_ => Alphanumeric())),
    };

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + _random.Next(10))));

    private string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('A' + _random.Next(26))));

    private char Alphanumeric() => _random.Next(36) is var n && n < 10 ? (char)('0' + n) : (char)('A' + n - 10);

    /// <summary>Early entries far more often than late ones (a few names are very common).</summary>
    private string Skewed(string[] values) => values[(int)(Math.Pow(_random.NextDouble(), 1.3) * values.Length)];

    private T Pick<T>(params (T Value, int Weight)[] choices)
    {
        var roll = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }
        return choices[^1].Value;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
