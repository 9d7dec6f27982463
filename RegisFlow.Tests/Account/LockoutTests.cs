using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Users;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Tests.Users;

namespace RegisFlow.Tests.Account;

public class LockoutTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private LoginService Logins => fixture.LoginService();

    private static string Address() => "10.1." + Random.Shared.Next(0, 255) + "." + Random.Shared.Next(1, 255);

    private string ParisTime(DateTimeOffset utc) =>
        LoginService.RetryTime(TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password_until_fifteen_minutes_pass()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        var start = fixture.Clock.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await Logins.ValidateAsync(user.UserName, "mauvais", Address());
            Assert.Equal(LoginService.BadCredentials, wrong.Error);
        }
        await Logins.ValidateAsync(user.UserName, "mauvais", Address());

        var locked = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, Address());

        Assert.False(locked.Succeeded);
        Assert.Contains("Trop de tentatives", locked.Error, StringComparison.Ordinal);
        Assert.Contains(ParisTime(start + LoginService.Window), locked.Error, StringComparison.Ordinal);
        fixture.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False((await Logins.ValidateAsync(user.UserName, TestAccounts.Password, Address())).Succeeded);
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        var accepted = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, Address());
        Assert.True(accepted.Succeeded, accepted.Error);
    }

    [Fact]
    public async Task An_address_trying_many_user_names_is_locked_out_even_for_a_real_account()
    {
        var address = Address();
        var user = await fixture.AddUserAsync(UserRole.Manager, (await fixture.AddStoreAsync()).Id);
        for (var i = 0; i < 5; i++)
        {
            await Logins.ValidateAsync(TestAccounts.Unique("devine"), "mauvais", address);
        }

        var fromThere = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, address);
        var fromElsewhere = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, Address());

        Assert.False(fromThere.Succeeded);
        Assert.Contains("Réessayez à partir de", fromThere.Error, StringComparison.Ordinal);
        Assert.True(fromElsewhere.Succeeded, fromElsewhere.Error);
    }

    [Fact]
    public async Task The_lockout_holds_across_app_instances_sharing_the_database()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        await using var otherInstance = (ServiceProvider)fixture.BuildServices();
        for (var i = 0; i < 5; i++)
        {
            await Logins.ValidateAsync(user.UserName, "mauvais", Address());
        }

        var elsewhere = await otherInstance.GetRequiredService<LoginService>().ValidateAsync(user.UserName, TestAccounts.Password, Address());

        Assert.NotNull(elsewhere.LockedUntil);
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_deactivated_account_get_the_same_message()
    {
        var store = await fixture.AddStoreAsync();
        var active = await fixture.AddUserAsync(UserRole.Employee, store.Id);
        var inactive = await fixture.AddUserAsync(UserRole.Employee, store.Id, active: false);

        var unknown = await Logins.ValidateAsync(TestAccounts.Unique("personne"), TestAccounts.Password, Address());
        var wrong = await Logins.ValidateAsync(active.UserName, "mauvais", Address());
        var deactivated = await Logins.ValidateAsync(inactive.UserName, TestAccounts.Password, Address());

        Assert.All([unknown, wrong, deactivated], r => Assert.Equal("Identifiant ou mot de passe incorrect.", r.Error));
    }

    [Fact]
    public async Task Logins_failures_and_lockouts_are_audited_with_the_address_and_never_the_password()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        var address = Address();
        await Logins.ValidateAsync(user.UserName.ToUpperInvariant(), TestAccounts.Password, address);
        for (var i = 0; i < 5; i++)
        {
            await Logins.ValidateAsync(user.UserName, "secret-tape-par-erreur", address);
        }

        await using var db = await fixture.CreateDbContextAsync();
        var rows = await db.AuditEvents.Where(a => a.UserId == user.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(AuditActions.LoginSucceeded, rows[0].Action);
        Assert.Equal(5, rows.Count(r => r.Action == AuditActions.LoginFailed));
        Assert.Equal(AuditActions.LoginLockedOut, rows[^1].Action);
        Assert.All(rows, r => Assert.Equal((user.UserName, address), (r.UserName, r.ClientAddress)));
        Assert.All(rows, r => Assert.DoesNotContain("secret-tape-par-erreur", r.Details ?? "", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain(TestAccounts.Password, r.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attempts_older_than_a_day_are_forgotten_at_the_next_successful_login()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        await Logins.ValidateAsync(user.UserName, "mauvais", Address());
        fixture.Clock.Advance(TimeSpan.FromDays(2));

        await Logins.ValidateAsync(user.UserName, TestAccounts.Password, Address());

        await using var db = await fixture.CreateDbContextAsync();
        var kept = await db.LoginAttempts.Where(a => a.NormalizedUserName == User.Normalize(user.UserName)).ToListAsync();
        Assert.True(Assert.Single(kept).Succeeded);
    }
}
