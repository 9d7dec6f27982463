using System.Globalization;
using Npgsql;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;

using RegisFlow.Tests.History;

namespace RegisFlow.Tests.Backups;

/// <summary>Register rows written straight through the context, and a row-by-row dump of every table to compare.</summary>
public static class RegisterData
{
    public static readonly string[] Tables = ["stores", "users", "sales", "sale_lines", "sale_photos", "audit_events", "login_attempts"];

    public static Caller Admin { get; } = new(1, "admin", "Administrateur", UserRole.Admin, null);

    public static Caller Employee(int storeId) => new(99, "vendeur", "Vendeur", UserRole.Employee, storeId);

    public static async Task<Store> AddStoreAsync(RegisFlowDbContext db, string name, DateTimeOffset now)
    {
        var store = new Store { Name = name, Address = "1 rue du Port, 29200 Brest", CreatedAt = now, UpdatedAt = now };
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
            DisplayName = "Compte " + userName,
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
        db.Sales.Add(sale);
        return sale;
    }

    private static SalePhoto Photo(PhotoKind kind, int size)
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        return new SalePhoto { Kind = kind, ContentType = "image/jpeg", SizeBytes = size, Width = 800, Height = 600, Data = data, CreatedAt = DateTimeOffset.UtcNow };
    }

    /// <summary>A register with two stores, users of every role, sales with lines and photos (one photo larger than a 1 MB chunk), audit rows and login attempts.</summary>
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
