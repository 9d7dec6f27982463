using System.Globalization;
using RegisFlow.Domain.Photos;

namespace RegisFlow.Domain.Sales;

/// <summary>Names of the fields that validation messages are attached to, shared by the validator and the form.</summary>
public static class SaleFields
{
    public const string SellerName = nameof(SaleInput.SellerName);
    public const string Lines = nameof(SaleInput.Lines);
    public const string BuyerLastName = nameof(SaleInput.BuyerLastName);
    public const string BuyerFirstNames = nameof(SaleInput.BuyerFirstNames);
    public const string BuyerBirthDate = nameof(SaleInput.BuyerBirthDate);
    public const string BuyerBirthPlace = nameof(SaleInput.BuyerBirthPlace);
    public const string BuyerAddress = nameof(SaleInput.BuyerAddress);
    public const string PaymentMethod = nameof(SaleInput.PaymentMethod);
    public const string IdDocumentType = nameof(SaleInput.IdDocumentType);
    public const string IdDocumentNumber = nameof(SaleInput.IdDocumentNumber);
    public const string IdDocumentAuthority = nameof(SaleInput.IdDocumentAuthority);
    public const string IdDocumentIssueDate = nameof(SaleInput.IdDocumentIssueDate);
    public const string MissingPhotosReason = nameof(SaleInput.MissingPhotosReason);

    public static string Line(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"Lines[{index}].{field}");

    public static string Photo(PhotoKind kind) => "Photos." + kind;
}

/// <summary>French messages per field; empty when the input is valid.</summary>
public sealed class SaleErrors
{
    private readonly Dictionary<string, List<string>> _messages = new(StringComparer.Ordinal);

    public bool IsValid => _messages.Count == 0;

    public IReadOnlyDictionary<string, List<string>> Messages => _messages;

    public void Add(string field, string message)
    {
        if (!_messages.TryGetValue(field, out var list))
        {
            _messages[field] = list = [];
        }
        list.Add(message);
    }

    /// <summary>The messages of one field joined for display, or null when the field is fine.</summary>
    public string? For(string field) => _messages.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    public bool Has(string field) => _messages.ContainsKey(field);

    /// <summary>The messages of the fields <paramref name="keep"/> accepts (those the clerk has already left, before a first save).</summary>
    public SaleErrors Only(Func<string, bool> keep)
    {
        var kept = new SaleErrors();
        foreach (var (field, messages) in _messages.Where(m => keep(m.Key)))
        {
            kept._messages[field] = [.. messages];
        }
        return kept;
    }
}

/// <summary>Raised by <see cref="SaleService"/> when it refuses a sale; <see cref="Errors"/> holds the messages per field.</summary>
public sealed class SaleRefusedException(SaleErrors errors)
    : Exception("La vente n'a pas été enregistrée : " + string.Join(" ", errors.Messages.Values.SelectMany(m => m)))
{
    public SaleErrors Errors { get; } = errors;
}
