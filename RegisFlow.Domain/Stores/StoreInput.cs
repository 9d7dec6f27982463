using System.Net.Mail;

namespace RegisFlow.Domain.Stores;

/// <summary>What the stores administration form edits.</summary>
public sealed class StoreInput
{
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A row of the stores list, with what refers to the store (a store is only deleted when nothing does).</summary>
public sealed record StoreSummary(int Id, string Name, string? Address, string? Phone, string? Email, bool IsActive, int UserCount, int SaleCount);

/// <summary>A store in a selector.</summary>
public sealed record StoreOption(int Id, string Name);

public static class StoreInputValidator
{
    public static IReadOnlyList<Users.InputError> Validate(StoreInput input)
    {
        var errors = new List<Users.InputError>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new(nameof(StoreInput.Name), "Le nom du magasin est obligatoire."));
        }
        else if (name.Length > 200)
        {
            errors.Add(new(nameof(StoreInput.Name), "Le nom ne peut pas dépasser 200 caractères."));
        }
        if (input.Address?.Trim().Length > 500)
        {
            errors.Add(new(nameof(StoreInput.Address), "L'adresse ne peut pas dépasser 500 caractères."));
        }
        var phone = input.Phone?.Trim();
        if (!string.IsNullOrEmpty(phone) && (phone.Length > 50 || !phone.All(c => char.IsDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')')))
        {
            errors.Add(new(nameof(StoreInput.Phone), "Le numéro de téléphone ne peut contenir que des chiffres, des espaces et les caractères + . - ( )"));
        }
        var email = input.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Length > 200 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors.Add(new(nameof(StoreInput.Email), "L'adresse e-mail n'est pas valide."));
        }
        return errors;
    }

    public static IEnumerable<string> ErrorsFor(StoreInput input, string field) =>
        Validate(input).Where(e => e.Field == field).Select(e => e.Message);
}
