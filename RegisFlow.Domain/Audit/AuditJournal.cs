using RegisFlow.Domain.Users;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Audit;

/// <summary>
/// The journal's filters: shop days (Europe/Paris, both ends included), part of a user name, a store (an admin's choice; a
/// manager always reads their own store) and one action.
/// </summary>
public sealed record AuditQuery(DateOnly? From = null, DateOnly? To = null, string? User = null, int? StoreId = null, string? Action = null)
{
    public const int MaxUserLength = 100;

    public void ThrowIfInvalid()
    {
        if (TypedText.Problem(User) is { } problem)
        {
            throw new InvalidInputException(nameof(User), problem);
        }
        if (User?.Length > MaxUserLength)
        {
            throw new InvalidInputException(nameof(User), $"Le nom d'utilisateur cherché ne peut dépasser {MaxUserLength} caractères.");
        }
        if (From is { } from && To is { } to && from > to)
        {
            throw new InvalidInputException(nameof(From), "La date de début est après la date de fin.");
        }
        if (Action is not null && !AuditLabels.Actions.ContainsKey(Action))
        {
            throw new InvalidInputException(nameof(Action), "Action inconnue.");
        }
    }
}

/// <summary>One row of the journal as people read it.</summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset OccurredAt, string? UserName, string? StoreName, string Action, string ActionLabel, string Target, string Details,
    string? ClientAddress);
