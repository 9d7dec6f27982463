using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Features.Account;
using RegisFlow.Web.Features.Users;

namespace RegisFlow.Tests.Users;

public class DefaultPasswordWarningTests : ComponentTestBase, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _fixture;

    public DefaultPasswordWarningTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        Services.AddSingleton(fixture.UserService());
        Services.AddScoped<CurrentCaller>();
    }

    private void SignIn(int userId, UserRole role) =>
        AddAuthorization().SetAuthorized("someone").SetRoles(role.ToString())
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));

    [Fact]
    public async Task An_admin_is_warned_while_the_installation_admin_keeps_the_default_password()
    {
        await _fixture.ResetAsync();
        var admin = await _fixture.AddUserAsync(UserRole.Admin, null);
        SignIn(admin.Id, UserRole.Admin);

        var cut = Render<DefaultPasswordWarning>();

        cut.WaitForAssertion(() => Assert.Contains("« admin »", cut.Find(".mud-alert").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_employee_sees_no_warning()
    {
        await _fixture.ResetAsync();
        var employee = await _fixture.AddUserAsync(UserRole.Employee, (await _fixture.AddStoreAsync()).Id);
        SignIn(employee.Id, UserRole.Employee);

        var cut = Render<DefaultPasswordWarning>();

        Assert.Empty(cut.FindAll(".mud-alert"));
    }
}
