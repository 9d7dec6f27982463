using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RegisFlow.Domain.History;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Integrity;

/// <summary>A photo as the seal covers it: its kind and the SHA-256 of its plaintext JPEG.</summary>
public readonly record struct PhotoSeal(PhotoKind Kind, byte[] Sha256);

/// <summary>
/// The hash that seals a sale into its store's chain: SHA-256 of a canonical text holding the previous link's hash, the store,
/// the sale's rank in the chain, every register field kept with the sale (<see cref="RegisterFields"/>, those whose
/// <see cref="RegisterField{TSource}.IsStoredWithSale"/> is true, by their culture-free <see cref="RegisterValue.Canonical"/> text),
/// each product line and the hash of each photo. Each item is one line "key:length:value" (length in UTF-8 bytes), so that no
/// value, whatever it holds, can pass for another item.
/// </summary>
public static class SaleSeal
{
    public const string Version = "regisflow-sale-seal-1";
    public const int HashLength = 32;

    /// <summary>The "previous hash" of a chain's first sale.</summary>
    public static byte[] Genesis => new byte[HashLength];

    public static byte[] Compute(byte[] previous, int storeId, long position, SaleRecord sale, IEnumerable<PhotoSeal> photos) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(previous, storeId, position, sale, photos)));

    public static string CanonicalText(byte[] previous, int storeId, long position, SaleRecord sale, IEnumerable<PhotoSeal> photos)
    {
        var text = new StringBuilder(Version).Append('\n');
        Item(text, "previous", Hex(previous));
        Item(text, "store", storeId.ToString(CultureInfo.InvariantCulture));
        Item(text, "position", position.ToString(CultureInfo.InvariantCulture));
        foreach (var field in RegisterFields.Sale.Where(f => f.IsStoredWithSale))
        {
            Item(text, field.Key, field.Canonical(sale));
        }
        foreach (var line in sale.Lines.OrderBy(l => l.Position))
        {
            Item(text, "line", line.Position.ToString(CultureInfo.InvariantCulture));
            foreach (var field in RegisterFields.Line.Where(f => f.IsStoredWithSale))
            {
                Item(text, field.Key, field.Canonical(line));
            }
        }
        foreach (var photo in photos.OrderBy(p => p.Kind))
        {
            Item(text, "photo." + photo.Kind, Hex(photo.Sha256));
        }
        return text.ToString();
    }

    /// <summary>The register's view of a sale being saved (store name and entering user are not sealed: they are left empty).</summary>
    public static SaleRecord RecordOf(Sale sale) => new(
        sale.Id, sale.StoreId, "", sale.SoldAt, sale.SellerName,
        sale.BuyerLastName, sale.BuyerFirstNames, sale.BuyerBirthDate, sale.BuyerBirthPlace, sale.BuyerAddress, sale.PaymentMethod,
        sale.IdDocumentType, sale.IdDocumentNumber, sale.IdDocumentAuthority, sale.IdDocumentIssueDate,
        null, sale.CreatedAt,
        [.. sale.Lines.OrderBy(l => l.Position).Select(l => new SaleLineRecord(l.Position, l.ArticleType, l.Category, l.Quantity, l.Reference, l.ReferenceKind))],
        []);

    public static IEnumerable<PhotoSeal> PhotosOf(Sale sale) => sale.Photos.Select(p => new PhotoSeal(p.Kind, p.ContentSha256 ?? []));

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static void Item(StringBuilder text, string key, string value) =>
        text.Append(key).Append(':').Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}
