using Microsoft.AspNetCore.Identity;

namespace RegisFlow.Domain.Users;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher, so hashes stay in a well-kept format.</summary>
public static class PasswordHashing
{
    private static readonly PasswordHasher<User> Hasher = new();

    public static string Hash(User user, string password) => Hasher.HashPassword(user, password);

    public static bool Verify(User user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>The (deliberately slow) password check of a login, injectable so tests can count that it ran.</summary>
public interface IPasswordVerifier
{
    bool Verify(User user, string password);
}

public sealed class PasswordVerifier : IPasswordVerifier
{
    public bool Verify(User user, string password) => PasswordHashing.Verify(user, password);
}
