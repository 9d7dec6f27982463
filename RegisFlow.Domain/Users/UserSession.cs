namespace RegisFlow.Domain.Users;

/// <summary>
/// A signed-in browser. Its cookie carries a random key whose SHA-256 is <see cref="Id"/>; once the session is ended
/// (logout, sign out everywhere, password or account change, restore) the cookie is refused even if it was saved.
/// Not in backups: a restore must not bring back sessions that were ended since.
/// </summary>
public class UserSession
{
    public required string Id { get; set; }

    /// <summary>No foreign key: a restore replaces the users table but must leave the ended sessions (and why) behind.</summary>
    public int UserId { get; set; }

    public string? ClientAddress { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Refreshed every few minutes while the session is used, so forgotten sessions can be removed.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
    public SessionEndReason? EndReason { get; set; }
}

/// <summary>Why a session ended: the login page tells the user.</summary>
public enum SessionEndReason
{
    Logout,
    SignedOutEverywhere,
    PasswordChanged,
    AccountChanged,
    Restored,
    Expired,
}
