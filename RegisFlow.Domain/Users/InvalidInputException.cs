namespace RegisFlow.Domain.Users;

/// <summary>A message for one field of a form (<see cref="Field"/> is the input model's property name, or empty for the whole form).</summary>
public sealed record InputError(string Field, string Message);

/// <summary>Raised by a domain service when its input is refused; the form shows the same French messages.</summary>
public sealed class InvalidInputException(IReadOnlyList<InputError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<InputError> Errors { get; } = errors;

    public InvalidInputException(string field, string message) : this([new InputError(field, message)])
    {
    }

    public static void ThrowIfAny(IReadOnlyList<InputError> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }
    }
}
