using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Users;

/// <summary>
/// The outcome of a login: the user and the key of their new session when accepted, otherwise a French message (and
/// when to try again).
/// </summary>
public sealed record LoginResult(User? User, string? Error, DateTimeOffset? LockedUntil = null, string? SessionKey = null)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Checks user name and password. Failures are counted per account and address together: <see cref="MaxFailures"/>
/// typos on one tablet lock that account on that tablet for <see cref="Window"/>, never other accounts nor other
/// addresses. An account failing from many addresses, or an address failing on many accounts, is slowed down by a
/// growing delay instead of being locked for everyone. Attempts are kept in the login_attempts table so that all of
/// this holds across app instances.
/// </summary>
public sealed class LoginService(
    IDbContextFactory<RegisFlowDbContext> factory,
    IPasswordVerifier passwords,
    SessionService sessions,
    TimeProvider clock,
    RegisFlowOptions options)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan KeepAttempts = TimeSpan.FromDays(1);

    /// <summary>Failures on one account, from any address, after which each attempt waits longer (1 s, 2 s, 4 s... up to <see cref="MaxDelay"/>).</summary>
    public const int AccountSlowDownAfter = 10;

    /// <summary>Failures from one address, on any account, after which each attempt waits longer.</summary>
    public const int AddressSlowDownAfter = 30;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);
    public const string BadCredentials = "Identifiant ou mot de passe incorrect.";
    public const string Deactivated = "Ce compte est désactivé : adressez-vous à un administrateur.";

    // Checked when the user name is unknown, so that every answer costs one password hash.
    private static readonly User Nobody = CreateNobody();

    public async Task<LoginResult> ValidateAsync(string? userName, string? password, string? clientAddress, CancellationToken ct = default)
    {
        var normalized = User.Normalize(userName ?? "");
        if (normalized.Length == 0 || string.IsNullOrEmpty(password))
        {
            return new LoginResult(null, "Saisissez votre identifiant et votre mot de passe.");
        }
        if (TypedText.HasForbiddenCharacters(normalized))
        {
            return new LoginResult(null, "L'identifiant contient un caractère invisible ou de contrôle : retapez-le.");
        }
        normalized = Truncate(normalized, 100)!;
        clientAddress = Truncate(clientAddress, 64);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);

        if (await RefusalAsync(db, normalized, clientAddress, now, ct) is { } refusal)
        {
            return refusal;
        }

        // One hash whatever the account: unknown, deactivated and wrong-password answers take the same time.
        var passwordMatches = passwords.Verify(user ?? Nobody, password);
        var accepted = passwordMatches && user is { IsActive: true };
        Record(db, normalized, clientAddress, now, accepted);
        if (!accepted)
        {
            var reason = user is null ? "unknown-user" : !user.IsActive ? "inactive-user" : "wrong-password";
            db.AuditEvents.Add(Audit(AuditActions.LoginFailed, now, user, userName, clientAddress, new { reason }));
            await db.SaveChangesAsync(ct);
            if (user is { IsActive: false } && passwordMatches)
            {
                return new LoginResult(null, Deactivated);
            }
            if (await PairLockedUntilAsync(db, normalized, clientAddress, now, ct) is { } until)
            {
                db.AuditEvents.Add(Audit(AuditActions.LoginLockedOut, now, user, userName, clientAddress, new { lockedUntil = until }));
                await db.SaveChangesAsync(ct);
                return Locked(until);
            }
            return new LoginResult(null, BadCredentials);
        }

        user!.LastLoginAt = now;
        var sessionKey = SessionService.Add(db, user.Id, clientAddress, now);
        db.AuditEvents.Add(Audit(AuditActions.LoginSucceeded, now, user, userName, clientAddress, null));
        await db.SaveChangesAsync(ct);
        // Attempts hold client addresses and only matter within the window; the audit trail keeps the history.
        var expired = now - KeepAttempts;
        await db.LoginAttempts.Where(a => a.AttemptedAt < expired).ExecuteDeleteAsync(ct);
        await sessions.RemoveOldAsync(db, now, ct);
        return new LoginResult(user, null, SessionKey: sessionKey);
    }

    /// <summary>Ends the session of the cookie (its saved copies are refused from now on) and records the logout.</summary>
    public async Task LogoutAsync(Caller caller, string? sessionKey, CancellationToken ct = default)
    {
        await sessions.EndAsync(sessionKey, SessionEndReason.Logout, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.Logout, clock.GetUtcNow(), null, "user",
            caller.UserId.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Why this attempt is not even checked (account locked on this address, or slowed down), or null.</summary>
    private async Task<LoginResult?> RefusalAsync(RegisFlowDbContext db, string normalized, string? clientAddress, DateTimeOffset now, CancellationToken ct)
    {
        if (await PairLockedUntilAsync(db, normalized, clientAddress, now, ct) is { } lockedUntil)
        {
            return Locked(lockedUntil);
        }
        var since = now - Window;
        var attempts = db.LoginAttempts.Where(a => a.AttemptedAt > since);
        // Where this account signed in lately is where its owner works: an attack from elsewhere does not slow them down.
        var knownAddress = await db.LoginAttempts.AnyAsync(a => a.NormalizedUserName == normalized && a.ClientAddress == clientAddress
            && a.Succeeded && a.AttemptedAt > now - KeepAttempts, ct);
        if (!knownAddress)
        {
            var lastSuccess = await LastSuccessAsync(attempts.Where(a => a.NormalizedUserName == normalized), ct);
            var accountFailures = attempts.Where(a => a.NormalizedUserName == normalized && !a.Succeeded && a.Id > lastSuccess);
            if (await SlowedDownUntilAsync(accountFailures, AccountSlowDownAfter, now, ct) is { } until)
            {
                return SlowedDown(until, now, "sur ce compte");
            }
        }
        if (clientAddress is not null
            && await SlowedDownUntilAsync(attempts.Where(a => a.ClientAddress == clientAddress && !a.Succeeded), AddressSlowDownAfter, now, ct) is { } addressUntil)
        {
            return SlowedDown(addressUntil, now, "depuis cet appareil");
        }
        return null;
    }

    /// <summary>When this account may be tried again from this address, or null when it is not locked there.</summary>
    private static async Task<DateTimeOffset?> PairLockedUntilAsync(RegisFlowDbContext db, string normalized, string? clientAddress, DateTimeOffset now, CancellationToken ct)
    {
        var pair = db.LoginAttempts.Where(a => a.NormalizedUserName == normalized && a.ClientAddress == clientAddress && a.AttemptedAt > now - Window);
        // A successful login on this pair clears its count.
        var lastSuccess = await LastSuccessAsync(pair, ct);
        var latest = await pair.Where(a => !a.Succeeded && a.Id > lastSuccess)
            .OrderByDescending(a => a.AttemptedAt).Take(MaxFailures).Select(a => a.AttemptedAt).ToListAsync(ct);
        // The lock ends when the fifth latest failure leaves the window.
        return latest.Count == MaxFailures && latest[^1] + Window > now ? latest[^1] + Window : null;
    }

    /// <summary>
    /// Past <paramref name="threshold"/> failures, the next attempt waits 1 s after the latest one, then 2 s, 4 s...
    /// up to <see cref="MaxDelay"/>: slow for a robot, a moment for a person.
    /// </summary>
    private static async Task<DateTimeOffset?> SlowedDownUntilAsync(IQueryable<LoginAttempt> failures, int threshold, DateTimeOffset now, CancellationToken ct)
    {
        var count = await failures.CountAsync(ct);
        if (count < threshold)
        {
            return null;
        }
        var latest = await failures.MaxAsync(a => a.AttemptedAt, ct);
        var until = latest + Delay(count - threshold);
        return until > now ? until : null;
    }

    public static TimeSpan Delay(int failuresPastThreshold) =>
        failuresPastThreshold >= 6 ? MaxDelay : TimeSpan.FromSeconds(Math.Min(1 << failuresPastThreshold, MaxDelay.TotalSeconds));

    /// <summary>The id of the latest successful attempt (ids follow the order of attempts, even within one clock tick), or 0.</summary>
    private static async Task<long> LastSuccessAsync(IQueryable<LoginAttempt> attempts, CancellationToken ct) =>
        await attempts.Where(a => a.Succeeded).MaxAsync(a => (long?)a.Id, ct) ?? 0;

    private LoginResult Locked(DateTimeOffset until)
    {
        var zone = options.Zone;
        var local = TimeZoneInfo.ConvertTime(until, zone);
        // Round up: telling "11 h 15" when the lock ends at 11:15:30 would send the user back too early.
        var minute = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);
        if (local.DateTime > minute)
        {
            minute = minute.AddMinutes(1);
        }
        return new LoginResult(null, $"Trop de tentatives de connexion échouées. Réessayez à partir de {RetryTime(minute)}.", until);
    }

    private static LoginResult SlowedDown(DateTimeOffset until, DateTimeOffset now, string where)
    {
        var seconds = (int)Math.Ceiling((until - now).TotalSeconds);
        return new LoginResult(null,
            $"Trop de tentatives de connexion {where} : patientez {seconds} seconde{(seconds > 1 ? "s" : "")} avant de réessayer.", until);
    }

    public static string RetryTime(DateTime localTime) => localTime.ToString("HH' h 'mm", CultureInfo.InvariantCulture);

    private static void Record(RegisFlowDbContext db, string normalized, string? clientAddress, DateTimeOffset now, bool succeeded) =>
        db.LoginAttempts.Add(new LoginAttempt { NormalizedUserName = normalized, ClientAddress = clientAddress, AttemptedAt = now, Succeeded = succeeded });

    // The typed user name is kept (it says who was attempted); the password never is.
    private static AuditEvent Audit(string action, DateTimeOffset now, User? user, string? typedUserName, string? clientAddress, object? details)
    {
        var caller = new Caller(user?.Id ?? 0, user?.UserName ?? Truncate(typedUserName?.Trim(), 100) ?? "", user?.DisplayName ?? "",
            user?.Role ?? UserRole.Employee, user?.StoreId, clientAddress);
        var audit = AuditLog.For(caller, action, now, details, "user", user?.Id.ToString(CultureInfo.InvariantCulture));
        audit.UserId = user?.Id;
        return audit;
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private static User CreateNobody()
    {
        var nobody = new User { UserName = "", NormalizedUserName = "", FirstName = "", LastName = "", PasswordHash = "", SecurityStamp = "" };
        nobody.PasswordHash = PasswordHashing.Hash(nobody, Guid.NewGuid().ToString());
        return nobody;
    }
}
