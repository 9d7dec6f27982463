using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Suspicious;

/// <summary>What the "Refuser la vente" dialog sends: the reasons ticked, the clerk's words, and the sale form as typed so far.</summary>
public sealed class SuspiciousAttemptInput
{
    public const int MaxDetailsLength = 2000;

    public HashSet<SuspicionReason> Reasons { get; set; } = [];
    public string Details { get; set; } = "";
    public SaleInput Sale { get; set; } = new();
}

public static class SuspiciousAttemptValidator
{
    public static IReadOnlyList<InputError> Validate(SuspiciousAttemptInput input)
    {
        var errors = new List<InputError>();
        if (input.Reasons.Count == 0 || input.Reasons.Any(r => !Enum.IsDefined(r)))
        {
            errors.Add(new(nameof(SuspiciousAttemptInput.Reasons), "Cochez au moins un motif de refus."));
        }
        if (TypedText.Problem(input.Details, multiLine: true) is { } problem)
        {
            errors.Add(new(nameof(SuspiciousAttemptInput.Details), problem));
        }
        else if (TypedText.Clean(input.Details).Length > SuspiciousAttemptInput.MaxDetailsLength)
        {
            errors.Add(new(nameof(SuspiciousAttemptInput.Details), $"{SuspiciousAttemptInput.MaxDetailsLength} caractères au maximum."));
        }
        var sale = input.Sale;
        foreach (var (value, max, multiLine) in new[]
        {
            (sale.BuyerLastName, 100, false), (sale.BuyerFirstNames, 100, false), (sale.BuyerBirthPlace, 200, false),
            (sale.BuyerAddress, 500, true), (sale.IdDocumentNumber, 50, false), (sale.IdDocumentAuthority, 200, false),
        })
        {
            if (TypedText.Problem(value, multiLine) is { } fieldProblem)
            {
                errors.Add(new(nameof(SuspiciousAttemptInput.Sale), $"Identité saisie dans le formulaire : {fieldProblem}"));
            }
            else if (TypedText.Clean(value).Length > max)
            {
                errors.Add(new(nameof(SuspiciousAttemptInput.Sale), $"Identité saisie dans le formulaire : {max} caractères au maximum par champ."));
            }
        }
        return errors;
    }
}
