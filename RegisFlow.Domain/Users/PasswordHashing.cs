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
