using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RegisFlow.Domain;

/// <summary>
/// Settings of the register. Read from the "RegisFlow" configuration section, and from the flat
/// environment names of the deployment's .env file (DATA_RETENTION_MONTHS, MAX_BACKUP_COUNT, ...), which win.
/// </summary>
public sealed class RegisFlowOptions
{
    public const string Section = "RegisFlow";

    /// <summary>Folder holding the private PostgreSQL data and, by default, the backups.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory();
    public string? BackupDirectory { get; set; }
    /// <summary>Months a sale is kept (see <see cref="Purge.RetentionRule"/>); the law says 18.</summary>
    public int DataRetentionMonths { get; set; } = Purge.RetentionRule.LegalMonths;
    public int MaxBackupCount { get; set; } = 20;
    public long PhotoStorageLimitBytes { get; set; } = 10 * 1024 * 1024;
    public int PhotoMaxEdgePixels { get; set; } = 2000;
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>How long a signed-in session lasts without being used (the cookie's sliding expiry).</summary>
    public double SessionHours { get; set; } = 8;

    /// <summary>When the scheduled backup runs (cron, Paris time): every day at midnight and noon.</summary>
    public string BackupSchedule { get; set; } = "0 0,12 * * *";

    /// <summary>The shop's time zone: sale days, date filters and the times people read are in it.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Folder with initdb/pg_ctl; found automatically when empty.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>
    /// A command run beside the app (backup, restore, reset-password) finds the app's private server running and must
    /// leave it running when it ends; the app itself stops a server it found left over by a crash.
    /// </summary>
    public bool LeaveFoundPostgresRunning { get; set; }

    public string ResolvedBackupDirectory => string.IsNullOrWhiteSpace(BackupDirectory)
        ? Path.Combine(DataDirectory, "backups")
        : BackupDirectory;

    public static RegisFlowOptions From(IConfiguration configuration)
    {
        var options = new RegisFlowOptions();
        configuration.GetSection(Section).Bind(options);
        Override(configuration, "REGISFLOW_DATA_DIR", v => options.DataDirectory = v);
        Override(configuration, "BACKUP_DIR", v => options.BackupDirectory = v);
        Override(configuration, "DATA_RETENTION_MONTHS", v => options.DataRetentionMonths = int.Parse(v, CultureInfo.InvariantCulture));
        Override(configuration, "MAX_BACKUP_COUNT", v => options.MaxBackupCount = int.Parse(v, CultureInfo.InvariantCulture));
        Override(configuration, "PHOTO_STORAGE_LIMIT", v => options.PhotoStorageLimitBytes = ParseSize(v));
        Override(configuration, "POSTGRES_BIN_DIR", v => options.PostgresBinDirectory = v);
        Override(configuration, "BACKUP_SCHEDULE", v => options.BackupSchedule = v);
        options.DataDirectory = Path.GetFullPath(options.DataDirectory);
        return options;
    }

    internal static void Override(IConfiguration configuration, string key, Action<string> apply)
    {
        var value = configuration[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            apply(value.Trim());
        }
    }

    /// <summary>Accepts a byte count or a size such as "10MB", "512KB".</summary>
    public static long ParseSize(string value)
    {
        var text = value.Trim().ToUpperInvariant();
        long multiplier = 1;
        foreach (var (suffix, factor) in new[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1L) })
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = factor;
                text = text[..^suffix.Length].Trim();
                break;
            }
        }
        return long.Parse(text, CultureInfo.InvariantCulture) * multiplier;
    }

    private static string DefaultDataDirectory() =>
        Environment.UserName == "root"
            ? "/var/lib/regisflow"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "regisflow");
}
