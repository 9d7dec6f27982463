using System.Text;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Validation;

namespace RegisFlow.Domain.Catalogue;

/// <summary>One refused line of a catalogue CSV file: its number in the file and why, in French.</summary>
public sealed record CsvLineError(int Line, string Message);

/// <summary>
/// Reads a catalogue file: UTF-8, semicolon separated, one header line « reference;type;categorie;libelle », then one article
/// per line. The type is its French label (« Fusée ») as on the sale form; the category F2 or F3.
/// </summary>
public static class CatalogueCsv
{
    public const string Header = "reference;type;categorie;libelle";
    public const int MaxLines = 5000;

    public static (List<(int Line, CatalogueInput Input)> Articles, List<CsvLineError> Errors) Read(string text)
    {
        var articles = new List<(int, CatalogueInput)>();
        var errors = new List<CsvLineError>();
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count == 0 || !string.Equals(Normalize(lines[0]), Header, StringComparison.Ordinal))
        {
            errors.Add(new CsvLineError(1, $"La première ligne doit être l'en-tête « {Header} » (séparateur point-virgule)."));
            return (articles, errors);
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Count; i++)
        {
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            if (articles.Count + errors.Count >= MaxLines)
            {
                errors.Add(new CsvLineError(number, $"Le fichier dépasse {MaxLines} articles : découpez-le."));
                break;
            }
            var cells = lines[i].Split(';');
            if (cells.Length != 4)
            {
                errors.Add(new CsvLineError(number, $"4 colonnes séparées par des points-virgules sont attendues (ici {cells.Length})."));
                continue;
            }
            var input = new CatalogueInput { Reference = cells[0].Trim(), Label = cells[3].Trim() };
            var problems = new List<string>();
            var typeText = cells[1].Trim();
            input.ArticleType = Enum.GetValues<ArticleType>().Cast<ArticleType?>()
                .FirstOrDefault(t => string.Equals(t!.Value.Label(), typeText, StringComparison.OrdinalIgnoreCase));
            if (input.ArticleType is null)
            {
                problems.Add(typeText.Length == 0 ? "le type est vide" : $"type « {typeText} » inconnu");
            }
            input.Category = cells[2].Trim().ToUpperInvariant() switch
            {
                "F2" => FireworkCategory.F2,
                "F3" => FireworkCategory.F3,
                _ => null,
            };
            if (input.Category is null)
            {
                problems.Add($"catégorie « {cells[2].Trim()} » inconnue (F2 ou F3)");
            }
            problems.AddRange(input.Validate()
                .Where(e => !(e.Field == nameof(CatalogueInput.ArticleType) && input.ArticleType is null)
                    && !(e.Field == nameof(CatalogueInput.Category) && input.Category is null))
                .Select(e => e.Message.TrimEnd('.')));
            var reference = ProductReference.Normalize(input.Reference);
            if (reference.Length > 0 && seen.TryGetValue(reference, out var first))
            {
                problems.Add($"la référence {reference} figure déjà ligne {first}");
            }
            else if (reference.Length > 0)
            {
                seen[reference] = number;
            }
            if (problems.Count > 0)
            {
                errors.Add(new CsvLineError(number, Capitalize(string.Join(" ; ", problems)) + "."));
            }
            else
            {
                articles.Add((number, input));
            }
        }
        return (articles, errors);
    }

    private static string Normalize(string header) => string.Join(';', header.Split(';').Select(c => TypedText.Clean(c).ToLowerInvariant()
        .Replace("é", "e", StringComparison.Ordinal)));

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new Users.InvalidInputException("", "Le fichier n'est pas en UTF-8 : dans le tableur, enregistrez-le en « CSV UTF-8 (séparateur point-virgule) ».");
        }
    }
}
