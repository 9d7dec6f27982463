using System.Net.Mail;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Stores;

/// <summary>What the stores administration form edits.</summary>
public sealed class StoreInput
{
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool IsActive { get; set; } = true;
    public int? WarnQuantityPerLine { get; set; }
    public int? WarnTotalQuantity { get; set; }
    public int? WarnCashTotalQuantity { get; set; }

    /// <summary>Null: the seller chooses the payment method of each sale.</summary>
    public PaymentMethod? DefaultPaymentMethod { get; set; } = PaymentMethod.Cash;
    public bool PhotosRequired { get; set; }
}

/// <summary>The settings of a store's sale form, which its manager may change too (<see cref="StoreService.UpdateSaleSettingsAsync"/>).</summary>
public sealed class StoreSaleSettings
{
    /// <summary>Null: the seller chooses the payment method of each sale.</summary>
    public PaymentMethod? DefaultPaymentMethod { get; set; } = PaymentMethod.Cash;
    public bool PhotosRequired { get; set; }
}

/// <summary>The sale settings of one store, with the store they belong to.</summary>
public sealed record StoreSaleSettingsEdit(int StoreId, string StoreName, StoreSaleSettings Settings);

/// <summary>A row of the stores list, with what refers to the store (a store is only deleted when nothing does).</summary>
public sealed record StoreSummary(int Id, string Name, string? Address, string? Phone, string? Email, bool IsActive, int UserCount, int SaleCount);

/// <summary>A store in a selector.</summary>
public sealed record StoreOption(int Id, string Name);

public static class StoreInputValidator
{
    public static IReadOnlyList<Users.InputError> Validate(StoreInput input)
    {
        var errors = new List<Users.InputError>();
        foreach (var (field, value) in new[]
        {
            (nameof(StoreInput.Name), input.Name), (nameof(StoreInput.Address), input.Address),
            (nameof(StoreInput.Phone), input.Phone), (nameof(StoreInput.Email), input.Email),
        })
        {
            if (TypedText.Problem(value, multiLine: field == nameof(StoreInput.Address)) is { } problem)
            {
                errors.Add(new(field, problem));
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var name = TypedText.Clean(input.Name);
        if (name.Length == 0)
        {
            errors.Add(new(nameof(StoreInput.Name), "Le nom du magasin est obligatoire."));
        }
        else if (name.Length > 200)
        {
            errors.Add(new(nameof(StoreInput.Name), "Le nom ne peut pas dépasser 200 caractères."));
        }
        if (TypedText.Clean(input.Address).Length > 500)
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
        foreach (var (field, value) in new[]
        {
            (nameof(StoreInput.WarnQuantityPerLine), input.WarnQuantityPerLine), (nameof(StoreInput.WarnTotalQuantity), input.WarnTotalQuantity),
            (nameof(StoreInput.WarnCashTotalQuantity), input.WarnCashTotalQuantity),
        })
        {
            if (value is < 1 or > 100_000)
            {
                errors.Add(new(field, "Le seuil doit être compris entre 1 et 100 000 (laissez vide pour ne pas avertir)."));
            }
        }
        if (PaymentProblem(input.DefaultPaymentMethod) is { } paymentProblem)
        {
            errors.Add(new(nameof(StoreInput.DefaultPaymentMethod), paymentProblem));
        }
        return errors;
    }

    public static IReadOnlyList<Users.InputError> Validate(StoreSaleSettings settings) =>
        PaymentProblem(settings.DefaultPaymentMethod) is { } problem ? [new(nameof(StoreSaleSettings.DefaultPaymentMethod), problem)] : [];

    private static string? PaymentProblem(PaymentMethod? payment) => payment is { } method && !Enum.IsDefined(method)
        ? "Choisissez un moyen de paiement de la liste, ou « Aucun (le vendeur choisit) »."
        : null;

    public static IEnumerable<string> ErrorsFor(StoreInput input, string field) =>
        Validate(input).Where(e => e.Field == field).Select(e => e.Message);
}
