using System.Globalization;
using System.Text;
using RegisFlow.Domain.History;

namespace RegisFlow.Domain.Sales;

/// <summary>Where a field sits in the register; readers list the sections in this order.</summary>
public enum RegisterSection
{
    Sale,
    Buyer,
    IdDocument,
    Articles,
    Entry,
}

public enum RegisterValueKind
{
    Text,
    Number,
    Date,
    Instant,
    Choice,
}

/// <summary>
/// One value of the register, typed: readers that keep types (a spreadsheet cell) use <see cref="Kind"/> and the typed property;
/// the others use <see cref="Display"/> (French, shop time) or <see cref="Canonical"/> (culture-free, for hashing and comparing).
/// </summary>
public readonly record struct RegisterValue
{
    private RegisterValue(RegisterValueKind kind, string text = "", long number = 0, DateOnly date = default, DateTimeOffset instant = default, string code = "")
    {
        Kind = kind;
        Text = text;
        Number = number;
        Date = date;
        Instant = instant;
        Code = code;
    }

    public RegisterValueKind Kind { get; }

    /// <summary>The text of a <see cref="RegisterValueKind.Text"/> value, the French label of a <see cref="RegisterValueKind.Choice"/>.</summary>
    public string Text { get; }

    public long Number { get; }
    public DateOnly Date { get; }
    public DateTimeOffset Instant { get; }

    /// <summary>The stored name of a <see cref="RegisterValueKind.Choice"/> (the enum member, as in the database).</summary>
    public string Code { get; }

    public static RegisterValue OfText(string? text) => new(RegisterValueKind.Text, text: text ?? "");
    public static RegisterValue OfNumber(long number) => new(RegisterValueKind.Number, number: number);
    public static RegisterValue OfDate(DateOnly date) => new(RegisterValueKind.Date, date: date);
    public static RegisterValue OfInstant(DateTimeOffset instant) => new(RegisterValueKind.Instant, instant: instant);
    public static RegisterValue OfChoice<TEnum>(TEnum value, string label) where TEnum : struct, Enum =>
        new(RegisterValueKind.Choice, text: label, code: value.ToString());

    /// <summary>As people read it: dates dd/MM/yyyy, instants dd/MM/yyyy HH:mm in <paramref name="zone"/>, choices by their French label.</summary>
    public string Display(TimeZoneInfo zone) => Kind switch
    {
        RegisterValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        RegisterValueKind.Date => Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        RegisterValueKind.Instant => TimeZoneInfo.ConvertTime(Instant, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
        _ => Text,
    };

    /// <summary>
    /// The same on every machine and culture: text in Unicode NFC, dates yyyy-MM-dd, instants in UTC to the microsecond (what
    /// PostgreSQL keeps, so a value reads back with the same canonical text), choices by their stored name, numbers in plain digits.
    /// </summary>
    public string Canonical() => Kind switch
    {
        RegisterValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        RegisterValueKind.Date => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RegisterValueKind.Instant => Instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        RegisterValueKind.Choice => Code,
        _ => Text.Normalize(NormalizationForm.FormC),
    };
}

/// <summary>One field of the register: declared once in <see cref="RegisterFields"/>, read by every screen and file that shows the register.</summary>
public sealed class RegisterField<TSource>
{
    private readonly Func<TSource, RegisterValue> _read;

    internal RegisterField(string key, string label, RegisterSection section, Func<TSource, RegisterValue> read,
        bool isBuyerPersonalData = false, bool isStoredWithSale = true, bool isCode = false)
    {
        Key = key;
        Label = label;
        Section = section;
        IsBuyerPersonalData = isBuyerPersonalData;
        IsStoredWithSale = isStoredWithSale;
        IsCode = isCode;
        _read = read;
    }

    /// <summary>Stable identifier (never shown, never translated, never renamed): "buyer.first_names".</summary>
    public string Key { get; }

    /// <summary>French label, as column header or caption.</summary>
    public string Label { get; }

    public RegisterSection Section { get; }

    /// <summary>The buyer's identity or ID document: erased by the purge, withheld where personal data may not go.</summary>
    public bool IsBuyerPersonalData { get; }

    /// <summary>
    /// False for values looked up elsewhere that may change while the sale does not (the store's name, the entering user's name):
    /// an integrity hash leaves them out.
    /// </summary>
    public bool IsStoredWithSale { get; }

    /// <summary>
    /// An identifier read character for character (a document number, a barcode): a spreadsheet must never turn it into a number
    /// (lost leading zero, 3,76E+12) or a date.
    /// </summary>
    public bool IsCode { get; }

    public RegisterValue Read(TSource source) => _read(source);

    /// <summary>The value as people read it (see <see cref="RegisterValue.Display"/>).</summary>
    public string Text(TSource source, TimeZoneInfo zone) => _read(source).Display(zone);

    /// <summary>The value's culture-free text (see <see cref="RegisterValue.Canonical"/>).</summary>
    public string Canonical(TSource source) => _read(source).Canonical();

    public override string ToString() => Key;
}

/// <summary>
/// The register's fields, declared once: the sale details, the exports (CSV, Excel, PDF) and whatever else shows or seals the register
/// read this list instead of naming each field. Adding a field to the register means the entity, its migration, the form and one line here.
/// </summary>
public static class RegisterFields
{
    public static readonly RegisterField<SaleRecord> SaleNumber = new("sale.number", "N° vente", RegisterSection.Sale, s => RegisterValue.OfNumber(s.Id));
    public static readonly RegisterField<SaleRecord> Store = new("sale.store", "Magasin", RegisterSection.Sale, s => RegisterValue.OfText(s.StoreName),
        isStoredWithSale: false);
    public static readonly RegisterField<SaleRecord> SoldAt = new("sale.sold_at", "Date de vente", RegisterSection.Sale, s => RegisterValue.OfInstant(s.SoldAt));
    public static readonly RegisterField<SaleRecord> Seller = new("sale.seller", "Vendeur", RegisterSection.Sale, s => RegisterValue.OfText(s.SellerName));
    public static readonly RegisterField<SaleRecord> Payment = new("sale.payment_method", "Moyen de paiement", RegisterSection.Sale,
        s => RegisterValue.OfChoice(s.PaymentMethod, s.PaymentMethod.Label()));

    public static readonly RegisterField<SaleRecord> BuyerLastName = new("buyer.last_name", "Nom", RegisterSection.Buyer,
        s => RegisterValue.OfText(s.BuyerLastName), isBuyerPersonalData: true);
    public static readonly RegisterField<SaleRecord> BuyerFirstNames = new("buyer.first_names", "Prénoms", RegisterSection.Buyer,
        s => RegisterValue.OfText(s.BuyerFirstNames), isBuyerPersonalData: true);
    public static readonly RegisterField<SaleRecord> BuyerBirthDate = new("buyer.birth_date", "Date de naissance", RegisterSection.Buyer,
        s => RegisterValue.OfDate(s.BuyerBirthDate), isBuyerPersonalData: true);
    public static readonly RegisterField<SaleRecord> BuyerBirthPlace = new("buyer.birth_place", "Lieu de naissance", RegisterSection.Buyer,
        s => RegisterValue.OfText(s.BuyerBirthPlace), isBuyerPersonalData: true);
    public static readonly RegisterField<SaleRecord> BuyerAddress = new("buyer.address", "Adresse", RegisterSection.Buyer,
        s => RegisterValue.OfText(s.BuyerAddress), isBuyerPersonalData: true);

    public static readonly RegisterField<SaleRecord> IdDocumentType = new("id.type", "Type de pièce", RegisterSection.IdDocument,
        s => RegisterValue.OfChoice(s.IdDocumentType, s.IdDocumentType.Label()), isBuyerPersonalData: true);
    public static readonly RegisterField<SaleRecord> IdDocumentNumber = new("id.number", "N° de pièce", RegisterSection.IdDocument,
        s => RegisterValue.OfText(s.IdDocumentNumber), isBuyerPersonalData: true, isCode: true);
    public static readonly RegisterField<SaleRecord> IdDocumentAuthority = new("id.authority", "Autorité de délivrance", RegisterSection.IdDocument,
        s => RegisterValue.OfText(s.IdDocumentAuthority), isBuyerPersonalData: true);
    public static readonly RegisterField<SaleRecord> IdDocumentIssueDate = new("id.issue_date", "Date de délivrance", RegisterSection.IdDocument,
        s => RegisterValue.OfDate(s.IdDocumentIssueDate), isBuyerPersonalData: true);

    public static readonly RegisterField<SaleRecord> CreatedBy = new("entry.created_by", "Saisie par", RegisterSection.Entry,
        s => RegisterValue.OfText(s.CreatedBy), isStoredWithSale: false);
    public static readonly RegisterField<SaleRecord> CreatedAt = new("entry.created_at", "Saisie le", RegisterSection.Entry,
        s => RegisterValue.OfInstant(s.CreatedAt));

    public static readonly RegisterField<SaleLineRecord> LinePosition = new("line.position", "Ligne", RegisterSection.Articles,
        l => RegisterValue.OfNumber(l.Position));
    public static readonly RegisterField<SaleLineRecord> ArticleType = new("line.article_type", "Type d'article", RegisterSection.Articles,
        l => RegisterValue.OfChoice(l.ArticleType, l.ArticleType.Label()));
    public static readonly RegisterField<SaleLineRecord> Category = new("line.category", "Catégorie", RegisterSection.Articles,
        l => RegisterValue.OfChoice(l.Category, l.Category.ToString()));
    public static readonly RegisterField<SaleLineRecord> Quantity = new("line.quantity", "Quantité", RegisterSection.Articles,
        l => RegisterValue.OfNumber(l.Quantity));
    public static readonly RegisterField<SaleLineRecord> Reference = new("line.reference", "Référence", RegisterSection.Articles,
        l => RegisterValue.OfText(l.Reference), isCode: true);
    public static readonly RegisterField<SaleLineRecord> ReferenceKind = new("line.reference_kind", "Type de référence", RegisterSection.Articles,
        l => RegisterValue.OfChoice(l.ReferenceKind, l.ReferenceKind.Label()));

    /// <summary>The fields of a sale, in register order (sections <see cref="RegisterSection.Sale"/>, Buyer, IdDocument, then Entry).</summary>
    public static readonly IReadOnlyList<RegisterField<SaleRecord>> Sale =
    [
        SaleNumber, Store, SoldAt, Seller, Payment,
        BuyerLastName, BuyerFirstNames, BuyerBirthDate, BuyerBirthPlace, BuyerAddress,
        IdDocumentType, IdDocumentNumber, IdDocumentAuthority, IdDocumentIssueDate,
        CreatedBy, CreatedAt,
    ];

    /// <summary>The fields of each product line (section <see cref="RegisterSection.Articles"/>), in column order.</summary>
    public static readonly IReadOnlyList<RegisterField<SaleLineRecord>> Line = [LinePosition, ArticleType, Category, Quantity, Reference, ReferenceKind];

    /// <summary>Every section, in the order readers show them.</summary>
    public static readonly IReadOnlyList<RegisterSection> Sections = Enum.GetValues<RegisterSection>();

    /// <summary>The sale fields of one section, in register order (none for <see cref="RegisterSection.Articles"/>: see <see cref="Line"/>).</summary>
    public static IEnumerable<RegisterField<SaleRecord>> In(RegisterSection section) => Sale.Where(f => f.Section == section);

    public static string Label(this RegisterSection section) => section switch
    {
        RegisterSection.Sale => "Vente",
        RegisterSection.Buyer => "Acheteur",
        RegisterSection.IdDocument => "Pièce d'identité",
        RegisterSection.Articles => "Articles",
        RegisterSection.Entry => "Saisie",
        _ => section.ToString(),
    };
}
