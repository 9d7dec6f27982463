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
    public async Task Five_wrong_passwords_on_one_tablet_lock_that_account_there_until_fifteen_minutes_pass()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        var tablet = Address();
        // On a whole minute (other tests move the shared clock by seconds): the message rounds the time up to the minute.
        fixture.Clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerMinute - fixture.Clock.GetUtcNow().Ticks % TimeSpan.TicksPerMinute));
        var start = fixture.Clock.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await Logins.ValidateAsync(user.UserName, "mauvais", tablet);
            Assert.Equal(LoginService.BadCredentials, wrong.Error);
        }
        await Logins.ValidateAsync(user.UserName, "mauvais", tablet);

        var locked = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, tablet);

        Assert.False(locked.Succeeded);
        Assert.Contains("Trop de tentatives", locked.Error, StringComparison.Ordinal);
        Assert.Contains(ParisTime(start + LoginService.Window), locked.Error, StringComparison.Ordinal);
        fixture.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False((await Logins.ValidateAsync(user.UserName, TestAccounts.Password, tablet)).Succeeded);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var accepted = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, tablet);
        Assert.True(accepted.Succeeded, accepted.Error);
    }

    [Fact]
    public async Task Five_typos_on_one_tablet_lock_neither_other_accounts_there_nor_that_account_elsewhere()
    {
        var store = (await fixture.AddStoreAsync()).Id;
        var typist = await fixture.AddUserAsync(UserRole.Employee, store);
        var colleague = await fixture.AddUserAsync(UserRole.Employee, store);
        var shop = Address();
        for (var i = 0; i < 5; i++)
        {
            await Logins.ValidateAsync(typist.UserName, "mauvais", shop);
        }

        var typistHere = await Logins.ValidateAsync(typist.UserName, TestAccounts.Password, shop);
        var colleagueHere = await Logins.ValidateAsync(colleague.UserName, TestAccounts.Password, shop);
        var typistElsewhere = await Logins.ValidateAsync(typist.UserName, TestAccounts.Password, Address());

        Assert.NotNull(typistHere.LockedUntil);
        Assert.True(colleagueHere.Succeeded, colleagueHere.Error);
        Assert.True(typistElsewhere.Succeeded, typistElsewhere.Error);
    }

    [Fact]
    public async Task An_address_mistyping_several_user_names_does_not_lock_a_real_account_there()
    {
        var address = Address();
        var user = await fixture.AddUserAsync(UserRole.Manager, (await fixture.AddStoreAsync()).Id);
        for (var i = 0; i < 5; i++)
        {
            await Logins.ValidateAsync(TestAccounts.Unique("devine"), "mauvais", address);
        }

        var fromThere = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, address);

        Assert.True(fromThere.Succeeded, fromThere.Error);
    }

    [Fact]
    public async Task An_account_attacked_from_many_addresses_slows_down_with_a_growing_delay_instead_of_locking()
    {
        var user = await fixture.AddUserAsync(UserRole.Admin, null);
        var owner = Address();
        Assert.True((await Logins.ValidateAsync(user.UserName, TestAccounts.Password, owner)).Succeeded);
        for (var i = 0; i < LoginService.AccountSlowDownAfter; i++)
        {
            await Logins.ValidateAsync(user.UserName, "devine-" + i, Address());
        }

        // Ten failures: from a new address the next attempt waits 1 s, and is not even checked before.
        var tooSoon = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, Address());
        Assert.Equal("Trop de tentatives de connexion sur ce compte : patientez 1 seconde avant de réessayer.", tooSoon.Error);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var wait = (await Logins.ValidateAsync(user.UserName, "encore", Address())).LockedUntil!.Value - fixture.Clock.GetUtcNow();
            delays.Add(wait);
            fixture.Clock.Advance(wait);
            Assert.Equal(LoginService.BadCredentials, (await Logins.ValidateAsync(user.UserName, "encore-" + i, Address())).Error);
        }

        // Each wait was followed by a checked attempt (a wrong password is told so): slowed down, never locked.
        Assert.Equal([1, 2, 4, 8, 16, 32, 60], delays.Select(d => d.TotalSeconds));
        var stranger = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, Address());
        Assert.Equal(LoginService.MaxDelay, stranger.LockedUntil - fixture.Clock.GetUtcNow());
        // Where the owner signed in lately, the attack does not slow them down.
        var fromOwner = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, owner);
        Assert.True(fromOwner.Succeeded, fromOwner.Error);
    }

    [Fact]
    public async Task An_address_failing_on_many_accounts_is_slowed_down()
    {
        var address = Address();
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        for (var i = 0; i < LoginService.AddressSlowDownAfter; i++)
        {
            await Logins.ValidateAsync(TestAccounts.Unique("devine"), "mauvais", address);
        }

        var slowed = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, address);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var later = await Logins.ValidateAsync(user.UserName, TestAccounts.Password, address);

        Assert.Equal("Trop de tentatives de connexion depuis cet appareil : patientez 1 seconde avant de réessayer.", slowed.Error);
        Assert.True(later.Succeeded, later.Error);
    }

    [Fact]
    public async Task The_lockout_holds_across_app_instances_sharing_the_database()
    {
        var user = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id);
        var tablet = Address();
        await using var otherInstance = (ServiceProvider)fixture.BuildServices();
        for (var i = 0; i < 5; i++)
        {
            await Logins.ValidateAsync(user.UserName, "mauvais", tablet);
        }

        var elsewhere = await otherInstance.GetRequiredService<LoginService>().ValidateAsync(user.UserName, TestAccounts.Password, tablet);

        Assert.NotNull(elsewhere.LockedUntil);
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_deactivated_account_get_the_same_answer_after_the_same_password_hash()
    {
        var counter = new CountingPasswordVerifier();
        await using var services = (ServiceProvider)fixture.BuildServices(s => s.AddSingleton<IPasswordVerifier>(counter));
        var logins = services.GetRequiredService<LoginService>();
        var store = await fixture.AddStoreAsync();
        var active = await fixture.AddUserAsync(UserRole.Employee, store.Id);
        var inactive = await fixture.AddUserAsync(UserRole.Employee, store.Id, active: false);

        var answers = new List<(LoginResult Result, int Hashes)>();
        foreach (var (userName, password) in new[]
        {
            (TestAccounts.Unique("personne"), TestAccounts.Password), (active.UserName, "mauvais"), (inactive.UserName, "mauvais"),
        })
        {
            var before = counter.Calls;
            answers.Add((await logins.ValidateAsync(userName, password, Address()), counter.Calls - before));
        }

        Assert.All(answers, a => Assert.Equal((LoginService.BadCredentials, 1), (a.Result.Error, a.Hashes)));
        // The dummy hash of an unknown account is as costly as a real one: same algorithm, same iterations.
        Assert.Equal(HashHeader(active.PasswordHash), HashHeader(counter.Hashes[0]));
    }

    [Fact]
    public async Task A_deactivated_account_is_told_so_only_after_the_right_password()
    {
        var inactive = await fixture.AddUserAsync(UserRole.Employee, (await fixture.AddStoreAsync()).Id, active: false);

        var wrong = await Logins.ValidateAsync(inactive.UserName, "mauvais", Address());
        var right = await Logins.ValidateAsync(inactive.UserName, TestAccounts.Password, Address());

        Assert.Equal(LoginService.BadCredentials, wrong.Error);
        Assert.Equal("Ce compte est désactivé : adressez-vous à un administrateur.", right.Error);
        Assert.False(right.Succeeded);
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

    /// <summary>Identity's hash format: version byte, then PRF, iteration count and salt size (big-endian).</summary>
    private static string HashHeader(string hash) => Convert.ToHexString(Convert.FromBase64String(hash)[..13]);

    private sealed class CountingPasswordVerifier : IPasswordVerifier
    {
        private int _calls;

        public int Calls => _calls;

        public List<string> Hashes { get; } = [];

        public bool Verify(User user, string password)
        {
            Interlocked.Increment(ref _calls);
            Hashes.Add(user.PasswordHash);
            return PasswordHashing.Verify(user, password);
        }
    }
}
