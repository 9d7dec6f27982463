using System.Net.Mail;
using System.Text.RegularExpressions;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Users;

public static partial class UserInputValidator
{
    /// <summary>The messages for <paramref name="input"/>; the user name is only checked for a new account (it never changes).</summary>
    public static IReadOnlyList<InputError> Validate(UserInput input, bool isNew = true)
    {
        var errors = new List<InputError>();
        if (isNew)
        {
            CheckUserName(input.UserName?.Trim() ?? "", errors);
        }
        CheckName(input.FirstName, nameof(UserInput.FirstName), "Le prénom", errors);
        CheckName(input.LastName, nameof(UserInput.LastName), "Le nom", errors);
        var email = input.Email?.Trim();
        if (TypedText.Problem(email) is { } emailProblem)
        {
            errors.Add(new(nameof(UserInput.Email), emailProblem));
        }
        else if (!string.IsNullOrEmpty(email) && (email.Length > 200 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors.Add(new(nameof(UserInput.Email), "L'adresse e-mail n'est pas valide."));
        }
        if (!Enum.IsDefined(input.Role))
        {
            errors.Add(new(nameof(UserInput.Role), "Choisissez un rôle."));
        }
        else if (input.Role != UserRole.Admin && input.StoreId is null)
        {
            errors.Add(new(nameof(UserInput.StoreId), "Choisissez le magasin de ce compte (seul un administrateur travaille sur tous les magasins)."));
        }
        return errors;
    }

    /// <summary>The messages for one field, as a form field shows them.</summary>
    public static IEnumerable<string> ErrorsFor(UserInput input, string field, bool isNew = true) =>
        Validate(input, isNew).Where(e => e.Field == field).Select(e => e.Message);

    /// <summary>Longest first or last name (as the columns).</summary>
    public const int MaxNameLength = 100;

    private static void CheckName(string? typed, string field, string label, List<InputError> errors)
    {
        var name = TypedText.Clean(typed);
        if (TypedText.Problem(typed) is { } problem)
        {
            errors.Add(new(field, problem));
        }
        else if (name.Length == 0)
        {
            errors.Add(new(field, $"{label} est obligatoire."));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new(field, $"{label} ne peut pas dépasser {MaxNameLength} caractères."));
        }
    }

    private static void CheckUserName(string userName, List<InputError> errors)
    {
        if (TypedText.Problem(userName) is { } problem)
        {
            errors.Add(new(nameof(UserInput.UserName), problem));
        }
        else if (userName.Length == 0)
        {
            errors.Add(new(nameof(UserInput.UserName), "L'identifiant est obligatoire."));
        }
        else if (userName.Length > 100)
        {
            errors.Add(new(nameof(UserInput.UserName), "L'identifiant ne peut pas dépasser 100 caractères."));
        }
        else if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add(new(nameof(UserInput.UserName), "L'identifiant ne peut contenir que des lettres, des chiffres et les caractères . _ - @"));
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}._@-]+$")]
    private static partial Regex UserNamePattern();
}
