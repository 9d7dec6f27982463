using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Outage;

/// <summary>
/// The real app on a PostgreSQL server of its own, which the tests stop and start again: the run's shared server
/// serves every other test and must stay up.
/// </summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public const string Password = "mot-de-passe-de-test";

    private readonly string _root = Path.Combine(TestPostgres.RootDirectory, "outage-" + Guid.NewGuid().ToString("N")[..8]);

    public PrivatePostgresServer Server { get; private set; } = null!;
    public AppFactory App { get; private set; } = null!;
    public IServiceProvider Services => App.Services;

    public async Task InitializeAsync()
    {
        Server = await PrivatePostgresServer.StartAsync(Path.Combine(_root, "server"), null, "regisflow", NullLogger.Instance);
        App = new AppFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RegisFlow"] = Server.ConnectionString("regisflow"),
            ["RegisFlow:DataDirectory"] = Path.Combine(_root, "data"),
            ["RegisFlow:Jobs:RunServer"] = "false",
        });
        App.StartServer();
    }

    /// <summary>A manager of the seeded store, with <see cref="Password"/>.</summary>
    public async Task<User> AddManagerAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<RegisFlowDbContext>>().CreateDbContextAsync();
        var userName = "gerant-" + Guid.NewGuid().ToString("N")[..8];
        var user = new User
        {
            UserName = userName,
            NormalizedUserName = User.Normalize(userName),
            FirstName = "Gérant",
            LastName = userName,
            Role = UserRole.Manager,
            StoreId = (await db.Stores.FirstAsync()).Id,
            PasswordHash = "",
            SecurityStamp = PasswordHashing.NewSecurityStamp(),
        };
        user.PasswordHash = PasswordHashing.Hash(user, Password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Runs <paramref name="during"/> while the database server is stopped, and starts it again whatever happens.</summary>
    public async Task WhileStoppedAsync(Func<Task> during)
    {
        await Server.StopAsync();
        try
        {
            await during();
        }
        finally
        {
            await Server.RestartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
