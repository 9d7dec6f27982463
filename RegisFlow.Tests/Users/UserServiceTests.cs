using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Users;

public class UserServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private UserService Users => fixture.UserService();

    private static UserInput Input(string userName, UserRole role, int? storeId, bool active = true) =>
        new() { UserName = userName, FirstName = "Prénom", LastName = "Nom " + userName, Role = role, StoreId = storeId, IsActive = active };

    [Fact]
    public async Task An_admin_cannot_demote_deactivate_or_delete_themselves()
    {
        var admin = await fixture.AddUserAsync(UserRole.Admin, null);
        await fixture.AddUserAsync(UserRole.Admin, null);
        var store = await fixture.AddStoreAsync();

        var demote = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Users.UpdateAsync(admin.AsCaller(), admin.Id, Input(admin.UserName, UserRole.Manager, store.Id)));
        var deactivate = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Users.UpdateAsync(admin.AsCaller(), admin.Id, Input(admin.UserName, UserRole.Admin, null, active: false)));
        var delete = await Assert.ThrowsAsync<InvalidInputException>(() => Users.DeleteAsync(admin.AsCaller(), admin.Id));

        Assert.Contains("propres droits", demote.Message, StringComparison.Ordinal);
        Assert.Contains("désactiver votre propre compte", deactivate.Message, StringComparison.Ordinal);
        Assert.Contains("supprimer votre propre compte", delete.Message, StringComparison.Ordinal);
        await using var db = await fixture.CreateDbContextAsync();
        var saved = await db.Users.SingleAsync(u => u.Id == admin.Id);
        Assert.Equal((UserRole.Admin, true), (saved.Role, saved.IsActive));
    }

    [Fact]
    public async Task An_admin_may_still_change_their_own_name()
    {
        var admin = await fixture.AddUserAsync(UserRole.Admin, null);

        await Users.UpdateAsync(admin.AsCaller(), admin.Id, Input(admin.UserName, UserRole.Admin, null));

        await using var db = await fixture.CreateDbContextAsync();
        var saved = await db.Users.SingleAsync(u => u.Id == admin.Id);
        Assert.Equal(("Prénom", "Nom " + admin.UserName, "Prénom Nom " + admin.UserName), (saved.FirstName, saved.LastName, saved.DisplayName));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_deactivated_or_deleted()
    {
        await fixture.ResetAsync();
        var store = await fixture.AddStoreAsync();
        await using (var db = await fixture.CreateDbContextAsync())
        {
            var seeded = await db.Users.SingleAsync(u => u.UserName == DatabaseInitializer.DefaultAdminUserName);
            seeded.IsActive = false;
            await db.SaveChangesAsync();
        }
        var last = await fixture.AddUserAsync(UserRole.Admin, null);
        // An admin whose account was deactivated a moment ago, acting from a session opened before.
        var stale = (await fixture.AddUserAsync(UserRole.Admin, null, active: false)).AsCaller();

        var demote = await Assert.ThrowsAsync<InvalidInputException>(() => Users.UpdateAsync(stale, last.Id, Input(last.UserName, UserRole.Manager, store.Id)));
        await Assert.ThrowsAsync<InvalidInputException>(() => Users.UpdateAsync(stale, last.Id, Input(last.UserName, UserRole.Admin, null, active: false)));
        await Assert.ThrowsAsync<InvalidInputException>(() => Users.DeleteAsync(stale, last.Id));

        Assert.Contains("au moins un administrateur actif", demote.Message, StringComparison.Ordinal);
        await using var check = await fixture.CreateDbContextAsync();
        Assert.Equal(1, await check.Users.CountAsync(u => u.Role == UserRole.Admin && u.IsActive));
    }

    [Fact]
    public async Task Two_admins_deactivating_each_other_at_once_leave_one_active_admin()
    {
        await fixture.ResetAsync();
        await using (var db = await fixture.CreateDbContextAsync())
        {
            (await db.Users.SingleAsync()).IsActive = false;
            await db.SaveChangesAsync();
        }
        var first = await fixture.AddUserAsync(UserRole.Admin, null);
        var second = await fixture.AddUserAsync(UserRole.Admin, null);

        var outcomes = await Task.WhenAll(
            Record.ExceptionAsync(() => Users.UpdateAsync(first.AsCaller(), second.Id, Input(second.UserName, UserRole.Admin, null, active: false))),
            Record.ExceptionAsync(() => Users.UpdateAsync(second.AsCaller(), first.Id, Input(first.UserName, UserRole.Admin, null, active: false))));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<InvalidInputException>(Assert.Single(outcomes, o => o is not null));
        await using var check = await fixture.CreateDbContextAsync();
        Assert.Equal(1, await check.Users.CountAsync(u => u.Role == UserRole.Admin && u.IsActive));
    }

    [Fact]
    public async Task User_names_are_unique_whatever_their_case()
    {
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        var store = await fixture.AddStoreAsync();
        var name = TestAccounts.Unique("Marie");
        await Users.CreateAsync(admin, Input(name, UserRole.Employee, store.Id));

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Users.CreateAsync(admin, Input("  " + name.ToUpperInvariant(), UserRole.Employee, store.Id)));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(nameof(UserInput.UserName), error.Field);
        Assert.Contains("déjà utilisé", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_account_gets_a_temporary_password_that_logs_in_and_must_be_changed()
    {
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        var store = await fixture.AddStoreAsync();

        var created = await Users.CreateAsync(admin, Input(TestAccounts.Unique("paul"), UserRole.Manager, store.Id));
        var login = await fixture.LoginService().ValidateAsync(created.UserName.ToUpperInvariant(), created.Password, "192.0.2.50");

        Assert.True(created.Password.Length >= PasswordPolicy.MinimumLength);
        Assert.True(login.Succeeded, login.Error);
        Assert.True(login.User!.MustChangePassword);
        Assert.Equal((UserRole.Manager, (int?)store.Id), (login.User.Role, login.User.StoreId));
    }

    [Fact]
    public async Task A_store_is_required_for_anyone_but_an_admin_with_a_french_message()
    {
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Users.CreateAsync(admin, Input(TestAccounts.Unique("x"), UserRole.Employee, null)));

        Assert.Equal(nameof(UserInput.StoreId), Assert.Single(refused.Errors).Field);
        Assert.Contains("magasin", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_a_password_replaces_the_old_one_ends_sessions_and_forces_a_change()
    {
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        var employee = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        var logins = fixture.LoginService();
        var before = await logins.ValidateAsync(employee.UserName, TestAccounts.Password, "192.0.2.51");

        var reset = await Users.ResetPasswordAsync(admin, employee.Id);

        Assert.False((await logins.ValidateAsync(employee.UserName, TestAccounts.Password, "192.0.2.51")).Succeeded);
        var login = await logins.ValidateAsync(employee.UserName, reset.Password, "192.0.2.51");
        Assert.True(login.User!.MustChangePassword);
        Assert.Equal(SessionEndReason.PasswordChanged, await Sessions.CheckAsync(before.SessionKey, employee.Id, before.User!.SecurityStamp));
    }

    [Fact]
    public async Task Role_store_and_active_changes_end_open_sessions_but_a_new_name_does_not()
    {
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        var store = await fixture.AddStoreAsync();
        var user = await fixture.AddUserAsync(UserRole.Employee, store.Id);

        var first = await SignInAsync(user);
        await Users.UpdateAsync(admin, user.Id, Input(user.UserName, UserRole.Employee, store.Id));
        var afterRename = await Sessions.CheckAsync(first.SessionKey, user.Id, first.User!.SecurityStamp);
        await Users.UpdateAsync(admin, user.Id, Input(user.UserName, UserRole.Manager, store.Id));
        var afterPromotion = await Sessions.CheckAsync(first.SessionKey, user.Id, first.User.SecurityStamp);
        var second = await SignInAsync(user);
        await Users.UpdateAsync(admin, user.Id, Input(user.UserName, UserRole.Manager, store.Id, active: false));
        var afterDeactivation = await Sessions.CheckAsync(second.SessionKey, user.Id, second.User!.SecurityStamp);

        Assert.Null(afterRename);
        Assert.Equal(SessionEndReason.AccountChanged, afterPromotion);
        Assert.Equal(SessionEndReason.AccountChanged, afterDeactivation);
    }

    private Task<LoginResult> SignInAsync(User user) => fixture.LoginService().ValidateAsync(user.UserName, TestAccounts.Password, "192.0.2.53");

    private SessionService Sessions => fixture.Services.GetRequiredService<SessionService>();

    [Fact]
    public async Task Changing_one_s_password_needs_the_current_one_twelve_characters_and_a_different_password()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id, mustChange: true);
        var caller = user.AsCaller();

        var wrongCurrent = await Assert.ThrowsAsync<InvalidInputException>(() => Users.ChangePasswordAsync(caller, "pas le bon", "un-nouveau-mot-de-passe", "un-nouveau-mot-de-passe"));
        var tooShort = await Assert.ThrowsAsync<InvalidInputException>(() => Users.ChangePasswordAsync(caller, TestAccounts.Password, "court", "court"));
        var same = await Assert.ThrowsAsync<InvalidInputException>(() => Users.ChangePasswordAsync(caller, TestAccounts.Password, TestAccounts.Password, TestAccounts.Password));
        var changed = await Users.ChangePasswordAsync(caller, TestAccounts.Password, "un-nouveau-mot-de-passe", "un-nouveau-mot-de-passe");

        Assert.Contains("actuel est incorrect", wrongCurrent.Message, StringComparison.Ordinal);
        Assert.Contains("au moins 12 caractères", tooShort.Message, StringComparison.Ordinal);
        Assert.Contains("différent de l'ancien", same.Message, StringComparison.Ordinal);
        Assert.False(changed.User.MustChangePassword);
        Assert.True((await fixture.LoginService().ValidateAsync(user.UserName, "un-nouveau-mot-de-passe", "192.0.2.52")).Succeeded);
    }

    [Fact]
    public async Task The_default_password_warning_lists_admins_until_they_change_it()
    {
        await fixture.ResetAsync();
        var other = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        Assert.Equal([DatabaseInitializer.DefaultAdminUserName], await Users.AdminsWithDefaultPasswordAsync(other));

        await using (var db = await fixture.CreateDbContextAsync())
        {
            var seeded = await db.Users.SingleAsync(u => u.UserName == DatabaseInitializer.DefaultAdminUserName);
            await Users.ChangePasswordAsync(new Caller(seeded.Id, seeded.UserName, seeded.DisplayName, seeded.Role, null),
                DatabaseInitializer.DefaultAdminPassword, "un-vrai-mot-de-passe", "un-vrai-mot-de-passe");
        }

        Assert.Empty(await Users.AdminsWithDefaultPasswordAsync(other));
        var employee = (await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id)).AsCaller();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.AdminsWithDefaultPasswordAsync(employee));
    }

    [Fact]
    public async Task The_list_is_paged_and_searchable()
    {
        var admin = (await fixture.AddUserAsync(UserRole.Admin, null)).AsCaller();
        var store = await fixture.AddStoreAsync();
        var tag = TestAccounts.Unique("page");
        for (var i = 0; i < 5; i++)
        {
            await fixture.AddUserAsync(UserRole.Employee, store.Id, $"{tag}-{i}");
        }

        var page = await Users.ListAsync(admin, new UserQuery(Page: 1, PageSize: 2, Search: tag.ToUpperInvariant()));

        Assert.Equal(5, page.TotalCount);
        Assert.Equal([$"{tag}-2", $"{tag}-3"], page.Items.Select(u => u.UserName));
        Assert.All(page.Items, u => Assert.Equal(store.Name, u.StoreName));
    }

    [Fact]
    public async Task User_changes_are_audited_with_who_and_from_where_and_never_a_password()
    {
        var adminUser = await fixture.AddUserAsync(UserRole.Admin, null);
        var admin = adminUser.AsCaller("198.51.100.7");
        var store = await fixture.AddStoreAsync();
        var created = await Users.CreateAsync(admin, Input(TestAccounts.Unique("audit"), UserRole.Employee, store.Id));
        await Users.UpdateAsync(admin, created.UserId, Input(created.UserName, UserRole.Manager, store.Id));
        var reset = await Users.ResetPasswordAsync(admin, created.UserId);
        await Users.DeleteAsync(admin, created.UserId);

        await using var db = await fixture.CreateDbContextAsync();
        var rows = await db.AuditEvents.Where(a => a.TargetType == "user" && a.TargetId == created.UserId.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditActions.UserCreated, AuditActions.UserUpdated, AuditActions.UserPasswordReset, AuditActions.UserDeleted], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((adminUser.Id, adminUser.UserName, "198.51.100.7"), (r.UserId, r.UserName, r.ClientAddress)));
        Assert.All(rows, r => Assert.DoesNotContain(created.Password, r.Details ?? "", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain(reset.Password, r.Details ?? "", StringComparison.Ordinal));
        Assert.Contains("\"Manager\"", rows[1].Details, StringComparison.Ordinal);
    }
}
