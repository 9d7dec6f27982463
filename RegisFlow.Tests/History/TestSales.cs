using System.Globalization;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using SkiaSharp;

namespace RegisFlow.Tests.History;

/// <summary>Builds valid sales (lines, photos, search text) and inserts them straight through the context, as the sale entry would.</summary>
public static class TestSales
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>An instant given in Paris wall-clock time.</summary>
    public static DateTimeOffset AtParis(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Paris), TimeSpan.Zero);
    }

    public static Sale Build(
        int storeId,
        DateTimeOffset soldAt,
        string lastName = "Martin",
        string firstName = "Jeanne",
        string seller = "Paul Vendeur",
        string birthPlace = "Lyon",
        string idNumber = "X123456",
        PaymentMethod payment = PaymentMethod.Card,
        FireworkCategory category = FireworkCategory.F2,
        int lineCount = 1,
        bool photos = false,
        int? createdBy = null,
        string address = "1 rue de la Paix, 75002 Paris")
    {
        var sale = new Sale
        {
            StoreId = storeId,
            SoldAt = soldAt,
            SellerName = seller,
            BuyerLastName = lastName,
            BuyerFirstNames = firstName,
            BuyerBirthDate = new DateOnly(1980, 5, 17),
            BuyerBirthPlace = birthPlace,
            BuyerAddress = address,
            PaymentMethod = payment,
            IdDocumentType = IdDocumentType.NationalIdCard,
            IdDocumentNumber = idNumber,
            IdDocumentAuthority = "Préfecture du Rhône",
            IdDocumentIssueDate = new DateOnly(2020, 3, 2),
            CreatedByUserId = createdBy,
            CreatedAt = soldAt.AddMinutes(1),
        };
        for (var i = 1; i <= lineCount; i++)
        {
            var type = category == FireworkCategory.F2 ? ArticleType.Fountain : ArticleType.Battery;
            if (i % 2 == 0)
            {
                type = ArticleType.Rocket;
            }
            sale.Lines.Add(new SaleLine { Position = i, ArticleType = type, Category = category, Quantity = i + 1, Reference = Ean13(Next()), ReferenceKind = ReferenceKind.Ean13 });
        }
        if (photos)
        {
            foreach (var kind in Enum.GetValues<PhotoKind>())
            {
                var data = Jpeg(Next(), 64 + (int)kind * 16, 48);
                sale.Photos.Add(new SalePhoto
                {
                    Kind = kind, ContentType = "image/jpeg", Data = data, ContentSha256 = SalePhoto.Sha256Of(data), SizeBytes = data.Length,
                    Width = 64 + (int)kind * 16, Height = 48, CreatedAt = soldAt,
                });
            }
        }
        return Searchable(sale);
    }

    /// <summary>Fills the derived columns (search text, counts), as the sale entry does on save.</summary>
    public static Sale Searchable(Sale sale) => sale.WithDerivedColumns();

    public static async Task<List<Sale>> InsertAsync(RegisFlowDbContext db, params Sale[] sales)
    {
        db.Sales.AddRange(sales);
        await db.SaveChangesAsync();
        return [.. sales];
    }

    public static async Task<Store> AddStoreAsync(RegisFlowDbContext db, string name)
    {
        var store = new Store { Name = name, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        return store;
    }

    public static async Task<User> AddUserAsync(RegisFlowDbContext db, string userName, UserRole role, int? storeId)
    {
        var user = new User
        {
            UserName = userName, NormalizedUserName = User.Normalize(userName), FirstName = userName, LastName = "(test)", Role = role,
            StoreId = storeId, PasswordHash = "x", SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static Caller CallerFor(User user) => new(user.Id, user.UserName, user.DisplayName, user.Role, user.StoreId);

    /// <summary>A 13-digit code with a correct check digit.</summary>
    public static string Ean13(int seed)
    {
        var body = (376000000000L + seed).ToString("D12", CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return body + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A small JPEG whose colour (and so bytes) differs with <paramref name="seed"/>.</summary>
    public static byte[] Jpeg(int seed, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)(seed * 37), (byte)(seed * 91), (byte)(seed * 13)));
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(seed % (width - 8), seed % (height - 8), 8, 8, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return encoded.ToArray();
    }

    private static int _sequence;

    private static int Next() => Interlocked.Increment(ref _sequence);
}
