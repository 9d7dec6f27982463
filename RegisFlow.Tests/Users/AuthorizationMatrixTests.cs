using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Catalogue;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Inspection;
using RegisFlow.Domain.Integrity;
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
        "audit.journal.own", "audit.journal.other", "integrity.check", "inspection.own", "inspection.other",
        "catalogue.read.own", "catalogue.read.other", "catalogue.manage.own", "catalogue.manage.other",
    ];

    private static readonly Dictionary<UserRole, string[]> Allowed = new()
    {
        [UserRole.Admin] = Operations,
        [UserRole.Manager] = ["sales.read.own", "sales.create.own", "sales.delete.own", "sales.export", "audit.journal.own", "inspection.own",
            "catalogue.read.own", "catalogue.manage.own"],
        [UserRole.Employee] = ["sales.read.own", "sales.create.own", "catalogue.read.own"],
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

    private static readonly DateOnly Today = new(2026, 11, 25);

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
                await users.CreateAsync(caller, new UserInput { UserName = TestAccounts.Unique("cree"), FirstName = "Léa", LastName = "Créé", Role = UserRole.Employee, StoreId = _own.Id });
                break;
            case "users.edit":
                var edited = await fixture.AddUserAsync(UserRole.Employee, _own.Id);
                await users.UpdateAsync(caller, edited.Id, new UserInput { FirstName = "Léa", LastName = "Modifié", Role = UserRole.Employee, StoreId = _own.Id });
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
            case "audit.journal.own":
                await fixture.Services.GetRequiredService<AuditJournalService>().GetPageAsync(caller, new AuditQuery(StoreId: _own.Id), 0, 10);
                break;
            case "audit.journal.other":
                await fixture.Services.GetRequiredService<AuditJournalService>().GetPageAsync(caller, new AuditQuery(StoreId: _other.Id), 0, 10);
                break;
            case "integrity.check":
                await fixture.Services.GetRequiredService<IntegrityService>().CheckAsync(caller);
                break;
            case "inspection.own":
                await fixture.Services.GetRequiredService<InspectionRegisterService>().PlanAsync(caller, new InspectionRequest(_own.Id, Today, Today, false));
                break;
            case "inspection.other":
                await fixture.Services.GetRequiredService<InspectionRegisterService>().PlanAsync(caller, new InspectionRequest(_other.Id, Today, Today, false));
                break;
            case "catalogue.read.own":
                await fixture.Services.GetRequiredService<CatalogueService>().FindAsync(caller, _own.Id, "3760123456791");
                break;
            case "catalogue.read.other":
                await fixture.Services.GetRequiredService<CatalogueService>().FindAsync(caller, _other.Id, "3760123456791");
                break;
            case "catalogue.manage.own":
                await fixture.Services.GetRequiredService<CatalogueService>().ListAsync(caller, _own.Id);
                break;
            case "catalogue.manage.other":
                await fixture.Services.GetRequiredService<CatalogueService>().SaveAsync(caller, _other.Id,
                    new CatalogueInput { Reference = "3760123456791", ArticleType = ArticleType.Rocket, Category = FireworkCategory.F3, Label = "Fusée" });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}
