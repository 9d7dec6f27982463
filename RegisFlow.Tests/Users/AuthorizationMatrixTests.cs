using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Users;

/// <summary>Each role against each operation in scope: allowed or refused, by the domain services and the access policy.</summary>
public class AuthorizationMatrixTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private Store _own = null!;
    private Store _other = null!;

    public async Task InitializeAsync()
    {
        _own = await fixture.AddStoreAsync();
        _other = await fixture.AddStoreAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Operations =
    [
        "users.list", "users.create", "users.edit", "users.reset-password", "users.delete",
        "stores.list", "stores.create", "stores.edit", "stores.delete",
        "sales.read.own", "sales.read.other", "sales.create.own", "sales.create.other",
        "sales.delete.own", "sales.delete.other", "sales.export", "backups", "purge", "administration",
    ];

    private static readonly Dictionary<UserRole, string[]> Allowed = new()
    {
        [UserRole.Admin] = Operations,
        [UserRole.Manager] = ["sales.read.own", "sales.create.own", "sales.delete.own", "sales.export"],
        [UserRole.Employee] = ["sales.read.own", "sales.create.own"],
    };

    public static TheoryData<UserRole, string, bool> Matrix()
    {
        var data = new TheoryData<UserRole, string, bool>();
        foreach (var role in Enum.GetValues<UserRole>())
        {
            foreach (var operation in Operations)
            {
                data.Add(role, operation, Allowed[role].Contains(operation));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Role_may_or_may_not_do_the_operation(UserRole role, string operation, bool allowed)
    {
        var user = await fixture.AddUserAsync(role, _own.Id);
        var caller = user.AsCaller();

        var refusal = await Record.ExceptionAsync(() => RunAsync(caller, operation));

        if (allowed)
        {
            Assert.Null(refusal);
        }
        else
        {
            var denied = Assert.IsType<AccessDeniedException>(refusal);
            Assert.False(string.IsNullOrWhiteSpace(denied.Message));
        }
    }

    [Fact]
    public async Task Sales_visible_to_an_employee_are_their_store_s_only_and_an_admin_sees_every_store_or_the_chosen_one()
    {
        await fixture.AddSaleAsync(_own.Id);
        await fixture.AddSaleAsync(_other.Id);
        var employee = (await fixture.AddUserAsync(UserRole.Employee, _own.Id)).AsCaller();
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        await using var db = await fixture.CreateDbContextAsync();
        var ours = db.Sales.Where(s => s.StoreId == _own.Id || s.StoreId == _other.Id);

        Assert.All(await ours.VisibleTo(employee).ToListAsync(), s => Assert.Equal(_own.Id, s.StoreId));
        Assert.Equal(_own.Id, employee.ReadableStore(null));
        Assert.Throws<AccessDeniedException>(() => ours.VisibleTo(employee, _other.Id));
        Assert.Equal(2, await ours.VisibleTo(admin).CountAsync());
        Assert.All(await ours.VisibleTo(admin, _other.Id).ToListAsync(), s => Assert.Equal(_other.Id, s.StoreId));
        Assert.Throws<AccessDeniedException>(() => admin.WritableStore(null));
    }

    private async Task RunAsync(Caller caller, string operation)
    {
        var users = fixture.UserService();
        var stores = fixture.StoreService();
        switch (operation)
        {
            case "users.list":
                await users.ListAsync(caller, new UserQuery());
                break;
            case "users.create":
                await users.CreateAsync(caller, new UserInput { UserName = TestAccounts.Unique("cree"), DisplayName = "Créé", Role = UserRole.Employee, StoreId = _own.Id });
                break;
            case "users.edit":
                var edited = await fixture.AddUserAsync(UserRole.Employee, _own.Id);
                await users.UpdateAsync(caller, edited.Id, new UserInput { DisplayName = "Modifié", Role = UserRole.Employee, StoreId = _own.Id });
                break;
            case "users.reset-password":
                await users.ResetPasswordAsync(caller, (await fixture.AddUserAsync(UserRole.Employee, _own.Id)).Id);
                break;
            case "users.delete":
                await users.DeleteAsync(caller, (await fixture.AddUserAsync(UserRole.Employee, _own.Id)).Id);
                break;
            case "stores.list":
                await stores.ListAsync(caller);
                break;
            case "stores.create":
                await stores.CreateAsync(caller, new StoreInput { Name = TestAccounts.Unique("Nouveau") });
                break;
            case "stores.edit":
                await stores.UpdateAsync(caller, _other.Id, new StoreInput { Name = _other.Name, Phone = "01 02 03 04 05" });
                break;
            case "stores.delete":
                await stores.DeleteAsync(caller, (await fixture.AddStoreAsync()).Id);
                break;
            case "sales.read.own":
                caller.ReadableStore(_own.Id);
                break;
            case "sales.read.other":
                caller.ReadableStore(_other.Id);
                break;
            case "sales.create.own":
                caller.Demand(Permission.CreateSale);
                caller.WritableStore(_own.Id);
                break;
            case "sales.create.other":
                caller.Demand(Permission.CreateSale);
                caller.WritableStore(_other.Id);
                break;
            case "sales.delete.own":
                caller.Demand(Permission.DeleteSale);
                caller.ReadableStore(_own.Id);
                break;
            case "sales.delete.other":
                caller.Demand(Permission.DeleteSale);
                caller.ReadableStore(_other.Id);
                break;
            case "sales.export":
                caller.Demand(Permission.ExportSales);
                break;
            case "backups":
                caller.Demand(Permission.ManageBackups);
                break;
            case "purge":
                caller.Demand(Permission.RunPurge);
                break;
            case "administration":
                caller.Demand(Permission.ViewAdministration);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}
