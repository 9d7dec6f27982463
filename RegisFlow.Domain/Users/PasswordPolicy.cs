using System.Security.Cryptography;

namespace RegisFlow.Domain.Users;

public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 200;

    // No 0/O, 1/l/I: a temporary password is read aloud or copied by hand.
    private const string TemporaryAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>The messages for a new password; <paramref name="currentPassword"/> is the one it replaces, when known.</summary>
    public static IReadOnlyList<string> Check(string? newPassword, string? currentPassword = null)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(newPassword) || newPassword.Length < MinimumLength)
        {
            errors.Add($"Le nouveau mot de passe doit contenir au moins {MinimumLength} caractères.");
        }
        else if (newPassword.Length > MaximumLength)
        {
            errors.Add($"Le nouveau mot de passe ne peut pas dépasser {MaximumLength} caractères.");
        }
        else if (string.IsNullOrWhiteSpace(newPassword))
        {
            errors.Add("Le nouveau mot de passe ne peut pas être composé uniquement d'espaces.");
        }
        if (!string.IsNullOrEmpty(newPassword) && newPassword == currentPassword)
        {
            errors.Add("Le nouveau mot de passe doit être différent de l'ancien.");
        }
        return errors;
    }

    public static string NewTemporaryPassword() => RandomNumberGenerator.GetString(TemporaryAlphabet, 14);
}
