namespace RegisFlow.Domain.Sales;

/// <summary>EAN-13 article codes: 13 digits, the last one a check digit (weights 1 and 3 alternating).</summary>
public static class Ean13
{
    public const int Length = 13;

    /// <summary>Why <paramref name="code"/> is not a valid EAN-13, in French, or null when it is.</summary>
    public static string? Problem(string? code)
    {
        var value = code?.Trim() ?? "";
        if (value.Length == 0)
        {
            return "Le code EAN-13 est obligatoire.";
        }
        if (!value.All(char.IsAsciiDigit))
        {
            return "Le code EAN-13 ne doit contenir que des chiffres.";
        }
        if (value.Length != Length)
        {
            return $"Le code EAN-13 doit comporter 13 chiffres (ici {value.Length}).";
        }
        return CheckDigit(value.AsSpan(0, Length - 1)) == value[Length - 1] - '0'
            ? null
            : "Le code EAN-13 est invalide (clé de contrôle incorrecte) : vérifiez la saisie.";
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>The check digit of the first 12 digits of a code.</summary>
    public static int CheckDigit(ReadOnlySpan<char> twelveDigits)
    {
        if (twelveDigits.Length != Length - 1)
        {
            throw new ArgumentException("Exactly 12 digits are expected.", nameof(twelveDigits));
        }
        var sum = 0;
        for (var i = 0; i < twelveDigits.Length; i++)
        {
            sum += (twelveDigits[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10;
    }
}
