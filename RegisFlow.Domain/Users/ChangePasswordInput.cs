namespace RegisFlow.Domain.Users;

/// <summary>The change-password form.</summary>
public sealed class ChangePasswordInput
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string Confirmation { get; set; } = "";

    /// <summary>The form's checks on the new password (the current one is checked by the service against the database).</summary>
    public static IReadOnlyList<InputError> Check(string? newPassword, string? confirmation, string? currentPassword)
    {
        var errors = PasswordPolicy.Check(newPassword, currentPassword)
            .Select(m => new InputError(nameof(NewPassword), m)).ToList();
        if (newPassword != confirmation)
        {
            errors.Add(new(nameof(Confirmation), "La confirmation ne correspond pas au nouveau mot de passe."));
        }
        return errors;
    }

    public IReadOnlyList<InputError> Validate()
    {
        var errors = new List<InputError>();
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            errors.Add(new(nameof(CurrentPassword), "Saisissez votre mot de passe actuel."));
        }
        errors.AddRange(Check(NewPassword, Confirmation, CurrentPassword));
        return errors;
    }
}
