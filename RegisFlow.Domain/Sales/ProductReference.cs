using System.Globalization;

namespace RegisFlow.Domain.Sales;

/// <summary>What a product line's reference is: a barcode (EAN-13 or EAN-8) or the shop's own reference for an article without one.</summary>
public enum ReferenceKind
{
    Ean13,
    Ean8,
    Shop,
}

/// <summary>
/// A product line's reference. A barcode is 13 or 8 digits whose last one is the GS1 check digit; a shop reference
/// (1 to <see cref="MaxShopLength"/> printable characters) is accepted only when the clerk declared the article has no barcode,
/// and never holds 8 or 13 digits alone, so a mistyped barcode can never pass for a shop reference.
/// </summary>
public static class ProductReference
{
    public const int MaxShopLength = 40;

    public static string Label(this ReferenceKind kind) => kind switch
    {
        ReferenceKind.Ean13 => "EAN-13",
        ReferenceKind.Ean8 => "EAN-8",
        ReferenceKind.Shop => "Référence magasin",
        _ => kind.ToString(),
    };

    /// <summary>The reference as stored: surrounding spaces removed.</summary>
    public static string Normalize(string? code) => code?.Trim() ?? "";

    /// <summary>The kind of a valid reference, or null when <see cref="Problem"/> has something to say.</summary>
    public static ReferenceKind? KindOf(string? code, bool withoutBarcode)
    {
        if (Problem(code, withoutBarcode) is not null)
        {
            return null;
        }
        return withoutBarcode ? ReferenceKind.Shop : Normalize(code).Length == 13 ? ReferenceKind.Ean13 : ReferenceKind.Ean8;
    }

    /// <summary>Why <paramref name="code"/> is not a valid reference, in French, or null when it is.</summary>
    public static string? Problem(string? code, bool withoutBarcode) =>
        withoutBarcode ? ShopReferenceProblem(Normalize(code)) : BarcodeProblem(Normalize(code));

    public static bool IsValidBarcode(string? code) => BarcodeProblem(Normalize(code)) is null;

    /// <summary>The GS1 check digit of a code's digits before it: weights 3 and 1 alternating, starting with 3 from the right.</summary>
    public static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                throw new ArgumentException("Only digits are expected.", nameof(digits));
            }
            sum += (digits[i] - '0') * ((digits.Length - i) % 2 == 1 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }

    private static string? BarcodeProblem(string value)
    {
        if (value.Length == 0)
        {
            return "Le code-barres est obligatoire (pour un article sans code-barres, cochez « Sans code-barres »).";
        }
        if (!value.All(char.IsAsciiDigit))
        {
            return "Le code-barres ne doit contenir que des chiffres (pour une référence du magasin, cochez « Sans code-barres »).";
        }
        var kind = value.Length switch
        {
            13 => ReferenceKind.Ean13,
            8 => ReferenceKind.Ean8,
            _ => (ReferenceKind?)null,
        };
        if (kind is null)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Le code-barres doit comporter 13 chiffres (EAN-13) ou 8 chiffres (EAN-8) (ici {value.Length}).");
        }
        return HasRightCheckDigit(value)
            ? null
            : $"Le code {kind.Value.Label()} est invalide (clé de contrôle incorrecte) : vérifiez la saisie.";
    }

    private static string? ShopReferenceProblem(string value)
    {
        if (value.Length == 0)
        {
            return "La référence du magasin est obligatoire.";
        }
        if (value.Length > MaxShopLength)
        {
            return $"La référence ne peut pas dépasser {MaxShopLength} caractères.";
        }
        if (!value.All(IsPrintable))
        {
            return "La référence ne doit contenir que des caractères imprimables.";
        }
        if (value.Length is 13 or 8 && value.All(char.IsAsciiDigit))
        {
            var kind = value.Length == 13 ? ReferenceKind.Ean13 : ReferenceKind.Ean8;
            return HasRightCheckDigit(value)
                ? $"Ce code est un {kind.Label()} valide : décochez « Sans code-barres »."
                : $"{value.Length} chiffres forment un code {kind.Label()}, dont la clé de contrôle est ici incorrecte : vérifiez la saisie.";
        }
        return null;
    }

    private static bool HasRightCheckDigit(string digits) => CheckDigit(digits.AsSpan(0, digits.Length - 1)) == digits[^1] - '0';

    private static bool IsPrintable(char c) => c == ' ' || !(char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);
}
