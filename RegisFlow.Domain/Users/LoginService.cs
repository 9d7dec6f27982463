using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;

namespace RegisFlow.Domain.Users;

/// <summary>The outcome of a login: the user when accepted, otherwise a French message (and the end of a lockout).</summary>
public sealed record LoginResult(User? User, string? Error, DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Checks user name and password, and locks out a user name or a client address after
/// <see cref="MaxFailures"/> failures within <see cref="Window"/>. Attempts are kept in the login_attempts table so
/// that the lockout holds across app instances.
/// </summary>
public sealed class LoginService(IDbContextFactory<RegisFlowDbContext> factory, TimeProvider clock, RegisFlowOptions options)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan KeepAttempts = TimeSpan.FromDays(1);
    public const string BadCredentials = "Identifiant ou mot de passe incorrect.";

    // Verified when the user name is unknown, so that the answer takes as long as for a known one.
    private static readonly User Nobody = CreateNobody();

    public async Task<LoginResult> ValidateAsync(string? userName, string? password, string? clientAddress, CancellationToken ct = default)
    {
        var normalized = User.Normalize(userName ?? "");
        if (normalized.Length == 0 || string.IsNullOrEmpty(password))
        {
            return new LoginResult(null, "Saisissez votre identifiant et votre mot de passe.");
        }
        normalized = Truncate(normalized, 100)!;
        clientAddress = Truncate(clientAddress, 64);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);

        if (await LockedUntilAsync(db, normalized, clientAddress, now, ct) is { } lockedUntil)
        {
            Record(db, normalized, clientAddress, now, succeeded: false);
            db.AuditEvents.Add(Audit(AuditActions.LoginLockedOut, now, user, userName, clientAddress, new { lockedUntil }));
            await db.SaveChangesAsync(ct);
            return Locked(lockedUntil);
        }

        var accepted = user is { IsActive: true } && PasswordHashing.Verify(user, password);
        if (user is null)
        {
            PasswordHashing.Verify(Nobody, password);
        }
        Record(db, normalized, clientAddress, now, accepted);
        if (!accepted)
        {
            var reason = user is null ? "unknown-user" : user.IsActive ? "wrong-password" : "inactive-user";
            db.AuditEvents.Add(Audit(AuditActions.LoginFailed, now, user, userName, clientAddress, new { reason }));
            await db.SaveChangesAsync(ct);
            if (await LockedUntilAsync(db, normalized, clientAddress, now, ct) is { } until)
            {
                db.AuditEvents.Add(Audit(AuditActions.LoginLockedOut, now, user, userName, clientAddress, new { lockedUntil = until }));
                await db.SaveChangesAsync(ct);
                return Locked(until);
            }
            return new LoginResult(null, BadCredentials);
        }

        user!.LastLoginAt = now;
        db.AuditEvents.Add(Audit(AuditActions.LoginSucceeded, now, user, userName, clientAddress, null));
        await db.SaveChangesAsync(ct);
        // Attempts hold client addresses and only matter within the window; the audit trail keeps the history.
        var expired = now - KeepAttempts;
        await db.LoginAttempts.Where(a => a.AttemptedAt < expired).ExecuteDeleteAsync(ct);
        return new LoginResult(user, null);
    }

    /// <summary>Records a logout in the audit trail.</summary>
    public async Task LogoutAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.Logout, clock.GetUtcNow(), null, "user",
            caller.UserId.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>When the user name or the client address may try again, or null when neither is locked.</summary>
    private static async Task<DateTimeOffset?> LockedUntilAsync(RegisFlowDbContext db, string normalized, string? clientAddress, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - Window;
        // A successful login clears the user name's count; an address's count only ages out.
        var lastSuccess = await db.LoginAttempts
            .Where(a => a.NormalizedUserName == normalized && a.Succeeded && a.AttemptedAt > since)
            .MaxAsync(a => (DateTimeOffset?)a.AttemptedAt, ct) ?? since;
        var byName = await FifthLatestFailureAsync(
            db.LoginAttempts.Where(a => a.NormalizedUserName == normalized && !a.Succeeded && a.AttemptedAt > lastSuccess), ct);
        var byAddress = clientAddress is null ? null : await FifthLatestFailureAsync(
            db.LoginAttempts.Where(a => a.ClientAddress == clientAddress && !a.Succeeded && a.AttemptedAt > since), ct);
        var oldest = new[] { byName, byAddress }.Max();
        return oldest + Window;
    }

    // The lockout ends when the fifth latest failure leaves the window.
    private static async Task<DateTimeOffset?> FifthLatestFailureAsync(IQueryable<LoginAttempt> failures, CancellationToken ct)
    {
        var latest = await failures.OrderByDescending(a => a.AttemptedAt).Take(MaxFailures).Select(a => a.AttemptedAt).ToListAsync(ct);
        return latest.Count == MaxFailures ? latest[^1] : null;
    }

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
        var nobody = new User { UserName = "", NormalizedUserName = "", DisplayName = "", PasswordHash = "", SecurityStamp = "" };
        nobody.PasswordHash = PasswordHashing.Hash(nobody, Guid.NewGuid().ToString());
        return nobody;
    }
}
