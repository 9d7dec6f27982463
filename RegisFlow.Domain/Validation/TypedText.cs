using System.Text;

namespace RegisFlow.Domain.Validation;

/// <summary>
/// The one rule for text a person types, used by every validator and search box. Control characters (NUL, escape, ...)
/// and broken UTF-16 are refused: nobody types them on purpose and PostgreSQL cannot store NUL. Bidirectional override
/// and isolate characters (U+202A–U+202E, U+2066–U+2069) are removed on save: they make a name display reversed.
/// </summary>
public static class TypedText
{
    public const string ControlCharacterMessage =
        "Ce champ contient un caractère invisible ou de contrôle (souvent venu d'un copier-coller) : retapez-le.";

    /// <summary>Search words beyond this number are ignored (each one is a filter on every sale).</summary>
    public const int MaxSearchWords = 10;

    /// <summary>The French message when <paramref name="text"/> holds a character a person cannot have typed; null when it is fine.</summary>
    /// <param name="multiLine">A field of several lines, where line breaks are allowed.</param>
    public static string? Problem(string? text, bool multiLine = false) =>
        HasForbiddenCharacters(text, multiLine) ? ControlCharacterMessage : null;

    public static bool HasForbiddenCharacters(string? text, bool multiLine = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r'))
            {
                return true;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What is saved: without bidirectional controls, trimmed.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (!text.Any(IsBidiControl))
        {
            return text.Trim();
        }
        var kept = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !IsBidiControl(c)))
        {
            kept.Append(c);
        }
        return kept.ToString().Trim();
    }

    /// <summary><see cref="Clean"/>, or null when nothing is left (an optional field left blank).</summary>
    public static string? CleanOrNull(string? text) => Clean(text) is { Length: > 0 } cleaned ? cleaned : null;

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
