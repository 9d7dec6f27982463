using System.Globalization;
using System.Text.Json;
using RegisFlow.Web.Jobs;

namespace RegisFlow.Web.Features.Admin;

/// <summary>How the administration panels show dates (Paris time) and sizes.</summary>
public static class AdminFormat
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Local(DateTimeOffset? at) => at is { } value
        ? TimeZoneInfo.ConvertTime(value, JobSchedule.Paris).ToString("dd/MM/yyyy HH:mm", French)
        : "—";

    public static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, JobSchedule.Paris).ToString("dd/MM/yyyy", French);

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", French) + " Go",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", French) + " Mo",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0", French) + " Ko",
        _ => bytes.ToString(French) + " o",
    };

    /// <summary>"45 s", "3 min 05 s", "1 h 02 min".</summary>
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalMinutes: < 1 } => $"{Math.Max(0, (int)Math.Round(duration.TotalSeconds))} s",
        { TotalHours: < 1 } => $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes:00} min",
    };

    public static string? Detail(JsonElement? details, string name) =>
        details is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var value) ? value.ToString() : null;
}
