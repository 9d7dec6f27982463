using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Data;

namespace RegisFlow.Domain.Users;

/// <summary>
/// Server-side sessions, kept in the database so that every app instance on it refuses an ended session. Each request
/// and each open page checks its session here; the answer is kept <see cref="CacheFor"/> per instance so that this
/// costs at most one indexed query per session every two seconds. Ending a session on this instance is seen at once;
/// on another instance within <see cref="CacheFor"/>.
/// </summary>
public sealed class SessionService(IDbContextFactory<RegisFlowDbContext> factory, RegisFlowOptions options, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    /// <summary>How often the last use of a session is written (not at each request).</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(5);

    private const int MaxCachedSessions = 10_000;

    private readonly ConcurrentDictionary<string, CachedCheck> _cache = new(StringComparer.Ordinal);

    private TimeSpan Lifetime => TimeSpan.FromHours(options.SessionHours);

    /// <summary>Adds a new session for <paramref name="userId"/> to <paramref name="db"/> (saved with the caller's changes) and returns the key for the cookie.</summary>
    public static string Add(RegisFlowDbContext db, int userId, string? clientAddress, DateTimeOffset now)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        db.UserSessions.Add(new UserSession { Id = Hash(key), UserId = userId, ClientAddress = clientAddress, CreatedAt = now, LastSeenAt = now });
        return key;
    }

    /// <summary>
    /// Null while the session of the cookie is current; otherwise why it ended. The account must still be active and its
    /// security stamp the cookie's (a changed role or store also ends the session).
    /// </summary>
    public async Task<SessionEndReason?> CheckAsync(string? key, int userId, string? securityStamp, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key))
        {
            return SessionEndReason.Expired;
        }
        var id = Hash(key);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && (cached.End is not null || now - cached.At < CacheFor)
            && cached.UserId == userId && cached.SecurityStamp == securityStamp)
        {
            return cached.End;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id && s.UserId == userId)
            .Select(s => new
            {
                s.EndReason,
                s.LastSeenAt,
                User = db.Users.Where(u => u.Id == s.UserId).Select(u => new { u.IsActive, u.SecurityStamp }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        SessionEndReason? end = row switch
        {
            null => SessionEndReason.Expired,
            { EndReason: { } reason } => reason,
            { User: null } or { User.IsActive: false } => SessionEndReason.AccountChanged,
            _ when row.User.SecurityStamp != securityStamp => SessionEndReason.AccountChanged,
            _ when now - row.LastSeenAt > Lifetime + TouchEvery => SessionEndReason.Expired,
            _ => null,
        };
        if (end is null && now - row!.LastSeenAt > TouchEvery)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        }
        if (_cache.Count > MaxCachedSessions)
        {
            _cache.Clear();
        }
        _cache[id] = new CachedCheck(userId, securityStamp, end, now);
        return end;
    }

    /// <summary>Ends one session (logout); its cookie is refused from now on.</summary>
    public async Task EndAsync(string? key, SessionEndReason reason, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key))
        {
            return;
        }
        var id = Hash(key);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.UserSessions.Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);
        _cache.TryRemove(id, out _);
    }

    /// <summary>
    /// "Se déconnecter partout": ends every session of <paramref name="userId"/>, the caller's own or, for an admin,
    /// anyone's. Returns how many were open.
    /// </summary>
    public async Task<int> EndAllAsync(Caller caller, int userId, CancellationToken ct = default)
    {
        if (userId != caller.UserId)
        {
            caller.Demand(Permission.ManageUsers);
        }
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ended = await EndAllAsync(db, userId, SessionEndReason.SignedOutEverywhere, now, ct);
        db.AuditEvents.Add(AuditLog.For(caller, AuditActions.SessionsEnded, now, new { sessions = ended }, "user",
            userId.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Forget(userId);
        return ended;
    }

    /// <summary>Ends every open session of a user within the caller's unit of work; call <see cref="Forget"/> once it is saved.</summary>
    internal static Task<int> EndAllAsync(RegisFlowDbContext db, int userId, SessionEndReason reason, DateTimeOffset now, CancellationToken ct) =>
        db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);

    /// <summary>The SQL that ends every open session (a restore runs it in its own transaction); parameter @now.</summary>
    internal const string EndEverySessionSql =
        $"UPDATE user_sessions SET ended_at = @now, end_reason = '{nameof(SessionEndReason.Restored)}' WHERE ended_at IS NULL";

    /// <summary>Drops this instance's cached answers for a user, so that an ending is seen at once here.</summary>
    public void Forget(int userId)
    {
        foreach (var (id, cached) in _cache)
        {
            if (cached.UserId == userId)
            {
                _cache.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Drops every cached answer (after a restore).</summary>
    public void ForgetAll() => _cache.Clear();

    /// <summary>Removes sessions ended a day ago, or unused for longer than a session lasts.</summary>
    internal async Task RemoveOldAsync(RegisFlowDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var endedBefore = now - TimeSpan.FromDays(1);
        var unusedSince = now - Lifetime - TimeSpan.FromDays(1);
        await db.UserSessions.Where(s => s.EndedAt < endedBefore || s.LastSeenAt < unusedSince).ExecuteDeleteAsync(ct);
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    private sealed record CachedCheck(int UserId, string? SecurityStamp, SessionEndReason? End, DateTimeOffset At);
}
