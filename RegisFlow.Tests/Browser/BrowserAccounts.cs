using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using SkiaSharp;

namespace RegisFlow.Tests.Browser;

/// <summary>The people of "Magasin Principal" the walk signs in as, and one sale of theirs already in the register.</summary>
public static class BrowserAccounts
{
    public const string AdminUserName = "admin";
    public const string DefaultAdminPassword = "admin123";
    public const string ManagerUserName = "responsable";
    public const string EmployeeUserName = "vendeuse";
    public const string Password = "mot-de-passe-du-test";
    public const string MainStore = "Magasin Principal";

    /// <summary>The buyer of the sale seeded in the main store: nobody in another store may see it.</summary>
    public const string SeededBuyerLastName = "Marchetti";

    public static async Task SeedAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>();
        int storeId;
        User employee;
        await using (var db = await factory.CreateDbContextAsync())
        {
            storeId = (await db.Stores.SingleAsync(s => s.Name == MainStore)).Id;
            db.Users.Add(NewUser(ManagerUserName, "Marc", "Responsable", UserRole.Manager, storeId));
            employee = NewUser(EmployeeUserName, "Emma", "Vendeuse", UserRole.Employee, storeId);
            db.Users.Add(employee);
            await db.SaveChangesAsync();
        }

        // Written straight to the database: the walk's own sale goes through the form and the domain's checks, and a
        // broken check there must fail that test, not this seed.
        var now = DateTimeOffset.UtcNow;
        var sale = new Sale
        {
            StoreId = storeId,
            SoldAt = now.AddHours(-1),
            SellerName = employee.DisplayName,
            BuyerLastName = SeededBuyerLastName,
            BuyerFirstNames = "Lucie Anne",
            BuyerBirthDate = new DateOnly(1979, 2, 3),
            BuyerBirthPlace = "Nantes",
            BuyerAddress = "3 quai de la Fosse, 44000 Nantes",
            PaymentMethod = PaymentMethod.Cash,
            IdDocumentType = IdDocumentType.Passport,
            IdDocumentNumber = "19AB12345",
            IdDocumentAuthority = "Préfecture de Loire-Atlantique",
            IdDocumentIssueDate = new DateOnly(2019, 5, 6),
            CreatedByUserId = employee.Id,
            CreatedAt = now.AddHours(-1),
            Lines = [new SaleLine { Position = 1, ArticleType = ArticleType.Fountain, Category = FireworkCategory.F2, Quantity = 2, Reference = "4006381333931", ReferenceKind = ReferenceKind.Ean13 }],
            Photos = [.. new[] { PhotoKind.IdFront, PhotoKind.Receipt }.Select(kind => Photo(kind, now))],
        };
        sale.WithDerivedColumns();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Sales.Add(sale);
            await db.SaveChangesAsync();
        }
        // Chained as the app chains a register that predates the chain, so that the integrity check passes on it.
        await SaleChain.SealUnchainedAsync(factory, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
    }

    private static SalePhoto Photo(PhotoKind kind, DateTimeOffset now)
    {
        var data = Jpeg(640, 480, SKColors.SteelBlue);
        return new SalePhoto
        {
            Kind = kind, ContentType = "image/jpeg", SizeBytes = data.Length, Width = 640, Height = 480, Data = data, ContentSha256 = SalePhoto.Sha256Of(data),
            CreatedAt = now,
        };
    }

    /// <summary>
    /// One more person of the main store, with <see cref="Password"/>, for a test that ends their sessions (the shared
    /// signed-in sessions of the other tests must survive it).
    /// </summary>
    public static async Task AddUserAsync(IServiceProvider services, string userName, UserRole role)
    {
        var factory = services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var storeId = (await db.Stores.SingleAsync(s => s.Name == MainStore)).Id;
        db.Users.Add(NewUser(userName, "Test", userName, role, storeId));
        await db.SaveChangesAsync();
    }

    /// <summary>An admin back to the installation state: admin123, to be changed at the next sign-in.</summary>
    public static async Task ResetAdminAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var admin = await db.Users.SingleAsync(u => u.NormalizedUserName == User.Normalize(AdminUserName));
        admin.PasswordHash = PasswordHashing.Hash(admin, DefaultAdminPassword);
        admin.MustChangePassword = true;
        admin.SecurityStamp = PasswordHashing.NewSecurityStamp();
        await db.SaveChangesAsync();
    }

    /// <summary>A plain JPEG of one colour with a white band, as a phone would send.</summary>
    public static byte[] Jpeg(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color);
            using var white = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, height / 3f, width, height / 3f, white);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static User NewUser(string userName, string firstName, string lastName, UserRole role, int storeId)
    {
        var now = DateTimeOffset.UtcNow;
        var user = new User
        {
            UserName = userName,
            NormalizedUserName = User.Normalize(userName),
            FirstName = firstName,
            LastName = lastName,
            Role = role,
            StoreId = storeId,
            IsActive = true,
            PasswordHash = "",
            SecurityStamp = PasswordHashing.NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = PasswordHashing.Hash(user, Password);
        return user;
    }
}
