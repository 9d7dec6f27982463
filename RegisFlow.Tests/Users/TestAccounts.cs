using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;

using RegisFlow.Tests.History;

namespace RegisFlow.Tests.Users;

/// <summary>Stores, users and sales written straight to a test database, for the tests of the accounts features.</summary>
public static class TestAccounts
{
    public const string Password = "mot-de-passe-de-test";

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<Store> AddStoreAsync(this DatabaseFixture fixture, string? name = null, bool active = true)
    {
        await using var db = await fixture.CreateDbContextAsync();
        var store = new Store { Name = name ?? Unique("Magasin"), IsActive = active, CreatedAt = fixture.Clock.GetUtcNow(), UpdatedAt = fixture.Clock.GetUtcNow() };
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        return store;
    }

    public static async Task<User> AddUserAsync(this DatabaseFixture fixture, UserRole role, int? storeId, string? userName = null,
        string password = Password, bool mustChange = false, bool active = true)
    {
        await using var db = await fixture.CreateDbContextAsync();
        userName ??= Unique(role.ToString().ToLowerInvariant());
        var user = new User
        {
            UserName = userName,
            NormalizedUserName = User.Normalize(userName),
            FirstName = "Test",
            LastName = userName,
            Role = role,
            StoreId = role == UserRole.Admin ? null : storeId,
            IsActive = active,
            PasswordHash = "",
            MustChangePassword = mustChange,
            SecurityStamp = PasswordHashing.NewSecurityStamp(),
            CreatedAt = fixture.Clock.GetUtcNow(),
            UpdatedAt = fixture.Clock.GetUtcNow(),
        };
        user.PasswordHash = PasswordHashing.Hash(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static Caller AsCaller(this User user, string? clientAddress = "192.0.2.10") =>
        new(user.Id, user.UserName, user.DisplayName, user.Role, user.StoreId, clientAddress);

    public static async Task<long> AddSaleAsync(this DatabaseFixture fixture, int storeId)
    {
        await using var db = await fixture.CreateDbContextAsync();
        var sale = TestSales.Build(storeId, fixture.Clock.GetUtcNow());
        db.Sales.Add(sale);
        await db.SaveChangesAsync();
        return sale.Id;
    }

    public static UserService UserService(this DatabaseFixture fixture) => fixture.Services.GetRequiredService<UserService>();

    public static StoreService StoreService(this DatabaseFixture fixture) => fixture.Services.GetRequiredService<StoreService>();

    public static LoginService LoginService(this DatabaseFixture fixture) => fixture.Services.GetRequiredService<LoginService>();
}
