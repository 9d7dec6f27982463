using System.Globalization;
using System.Text.RegularExpressions;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// regisflow-20261201-085939.rfbak: the UTC second the backup started (it sorts in time order, with no duplicate
/// hour when clocks go back in autumn); a second backup started in the same second gets -2, then -3…
/// </summary>
public static partial class BackupFileName
{
    public const string Prefix = "regisflow-";

    [GeneratedRegex(@"^regisflow-(?<at>\d{8}-\d{6})(?:-(?<sequence>[2-9]|[1-9]\d+))?\.rfbak$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string For(DateTimeOffset startedAt, int sequence = 1) =>
        $"{Prefix}{startedAt.UtcDateTime:yyyyMMdd-HHmmss}{(sequence > 1 ? $"-{sequence}" : "")}{BackupFormat.Extension}";

    /// <summary>The first name of that second that <paramref name="isTaken"/> does not refuse.</summary>
    public static string FirstFree(DateTimeOffset startedAt, Func<string, bool> isTaken)
    {
        for (var sequence = 1; ; sequence++)
        {
            var name = For(startedAt, sequence);
            if (!isTaken(name))
            {
                return name;
            }
        }
    }

    public static bool IsValid(string fileName) => TryParse(fileName, out _, out _);

    public static bool TryParse(string? fileName, out DateTimeOffset startedAt, out int sequence)
    {
        startedAt = default;
        sequence = 0;
        if (fileName is null || Pattern().Match(fileName) is not { Success: true } match
            || !DateTime.TryParseExact(match.Groups["at"].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return false;
        }
        startedAt = new DateTimeOffset(at, TimeSpan.Zero);
        sequence = match.Groups["sequence"].Success ? int.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture) : 1;
        return true;
    }
}
