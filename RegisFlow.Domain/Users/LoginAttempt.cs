namespace RegisFlow.Domain.Users;

/// <summary>Kept in the database (not in memory) so lockout holds across several app instances.</summary>
public class LoginAttempt
{
    public long Id { get; set; }
    public required string NormalizedUserName { get; set; }
    public string? ClientAddress { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    public bool Succeeded { get; set; }
}
