using System.Globalization;
using Npgsql;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Suspicious;
using RegisFlow.Domain.Users;

using RegisFlow.Tests.History;

namespace RegisFlow.Tests.Backups;

/// <summary>Register rows written straight through the context, and a row-by-row dump of every table to compare.</summary>
public static class RegisterData
{
    public static readonly string[] Tables =
        ["stores", "users", "sales", "sale_lines", "sale_photos", "sale_tombstones", "chain_heads", "audit_events", "login_attempts",
            "suspicious_attempts"];

    public static Caller Admin { get; } = new(1, "admin", "Administrateur", UserRole.Admin, null);

    public static Caller Employee(int storeId) => new(99, "vendeur", "Vendeur", UserRole.Employee, storeId);

    public static async Task<Store> AddStoreAsync(RegisFlowDbContext db, string name, DateTimeOffset now)
    {
        // Sale settings other than the defaults, so that a round trip shows they are copied.
        var store = new Store
        {
            Name = name, Address = "1 rue du Port, 29200 Brest", DefaultPaymentMethod = null, PhotosRequired = true, CreatedAt = now, UpdatedAt = now,
        };
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        return store;
    }

    public static User AddUser(RegisFlowDbContext db, string userName, UserRole role, int? storeId, DateTimeOffset now)
    {
        var user = new User
        {
            UserName = userName,
            NormalizedUserName = User.Normalize(userName),
            FirstName = "Compte",
            LastName = userName,
            Role = role,
            StoreId = storeId,
            PasswordHash = "",
            SecurityStamp = PasswordHashing.NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = PasswordHashing.Hash(user, "motdepasse-" + userName);
        db.Users.Add(user);
        return user;
    }

    public static Sale AddSale(RegisFlowDbContext db, int storeId, DateTimeOffset soldAt, string buyerLastName, int photoBytes = 2048)
    {
        // Two lines per sale; photos of the asked size, so a backup spans several chunks.
        var sale = TestSales.Build(storeId, soldAt, buyerLastName, firstName: "Élodie", lineCount: 2);
        sale.Photos = [Photo(PhotoKind.IdFront, photoBytes), Photo(PhotoKind.Receipt, photoBytes / 2 + 1)];
        sale.MissingPhotosReason = "Appareil photo en panne";
        db.Sales.Add(sale);
        return sale;
    }

    private static SalePhoto Photo(PhotoKind kind, int size)
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        // Plain bytes with their hash: as the migration to encrypted photos leaves them until the app encrypts them.
        return new SalePhoto
        {
            Kind = kind, ContentType = "image/jpeg", SizeBytes = size, Width = 800, Height = 600, Data = data,
            ContentSha256 = System.Security.Cryptography.SHA256.HashData(data), CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>A refused sale with every field filled in, two reasons and accented text.</summary>
    public static SuspiciousAttempt RefusedSale(int storeId, DateTimeOffset recordedAt) => new()
    {
        StoreId = storeId, RecordedAt = recordedAt, RecordedByUserId = 1, ClerkName = "Compte caisse",
        Reasons = [SuspicionReason.UnusualQuantities, SuspicionReason.CashForLargePurchase],
        Details = "Voulait 40 batteries, a insisté pour payer en espèces.",
        BuyerLastName = "Lefèvre", BuyerFirstNames = "Gaël Noé", BuyerBirthDate = new DateOnly(1990, 7, 14), BuyerBirthPlace = "Quimper",
        BuyerAddress = "3 quai de l'Odet, 29000 Quimper", PaymentMethod = PaymentMethod.Cash, IdDocumentType = IdDocumentType.NationalIdCard,
        IdDocumentNumber = "X4RTBPFW4", IdDocumentAuthority = "Préfecture du Finistère", IdDocumentIssueDate = new DateOnly(2020, 3, 2),
        Articles = "40 × batterie (F3) — BAT-200\n2 × fontaine (F2) — FON-12",
    };

    /// <summary>A register with two stores, users of every role, sales with lines and photos (one photo larger than a 1 MB chunk), audit rows, login attempts and a suspicious attempt.</summary>
    public static async Task SeedAsync(RegisFlowDbContext db, DateTimeOffset now)
    {
        var brest = await AddStoreAsync(db, "Magasin de Brest", now);
        AddUser(db, "gerant", UserRole.Manager, brest.Id, now);
        AddUser(db, "caisse", UserRole.Employee, brest.Id, now);
        for (var i = 0; i < 12; i++)
        {
            AddSale(db, brest.Id, now.AddDays(-i), "Dupont" + i.ToString(CultureInfo.InvariantCulture), photoBytes: i == 0 ? 2_500_000 : 4096);
        }
        db.AuditEvents.Add(AuditLog.For(Admin, AuditActions.StoreCreated, now, new { name = brest.Name }));
        db.LoginAttempts.Add(new LoginAttempt { NormalizedUserName = "GERANT", ClientAddress = "10.0.0.5", AttemptedAt = now, Succeeded = false });
        db.LoginAttempts.Add(new LoginAttempt { NormalizedUserName = "GERANT", ClientAddress = "10.0.0.5", AttemptedAt = now.AddSeconds(5), Succeeded = true });
        db.SuspiciousAttempts.Add(RefusedSale(brest.Id, now.AddHours(-3)));
        db.CatalogueArticles.Add(new RegisFlow.Domain.Catalogue.CatalogueArticle
        {
            StoreId = brest.Id, Reference = "4006381333931", ReferenceKind = ReferenceKind.Ean13, ArticleType = ArticleType.Battery,
            Category = FireworkCategory.F3, Label = "Batterie « Étoile filante » 25 coups", UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Every row of every register table, each as one text line (bytea in base64), in id order.</summary>
    public static async Task<Dictionary<string, List<string>>> DumpAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var dump = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
            var rows = new List<string>();
            await using var command = new NpgsqlCommand($"SELECT * FROM {table} ORDER BY id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new string[reader.FieldCount];
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values[i] = reader.GetName(i) + "=" + reader.GetValue(i) switch
                    {
                        byte[] bytes => Convert.ToBase64String(bytes),
                        Array array => "{" + string.Join(",", array.Cast<object>()) + "}",
                        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString(),
                    };
                }
                rows.Add(string.Join(" | ", values));
            }
            dump[table] = rows;
        }
        return dump;
    }
}
