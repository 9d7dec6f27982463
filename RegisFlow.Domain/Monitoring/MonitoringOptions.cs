using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace RegisFlow.Domain.Monitoring;

/// <summary>
/// Who may read /metrics and the details of /health, and when alerts fire. Read from "RegisFlow:Monitoring" and from
/// the flat environment names listed in the README (MONITORING_NETWORKS, MONITORING_TOKEN, ALERT_...), which win.
/// </summary>
public sealed class MonitoringOptions
{
    public const string Section = "RegisFlow:Monitoring";

    /// <summary>Networks (CIDR) whose machines read /metrics and the health details without a token: loopback by default.</summary>
    public IReadOnlyList<IPNetwork> Networks { get; set; } = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>Bearer token that opens /metrics and the health details from anywhere (none by default).</summary>
    public string? Token { get; set; }

    /// <summary>/health is computed at most this often and shared by every caller in between.</summary>
    public TimeSpan HealthCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Oldest acceptable age of the newest good backup: the 12 h between two scheduled backups plus a margin for a
    /// backup's own run time. A fresh install gets the same allowance, counted from its first start.
    /// </summary>
    public TimeSpan BackupMaxAge { get; set; } = TimeSpan.FromHours(13);

    public long DiskFreeThresholdBytes { get; set; } = 1L << 30;
    public double MemoryThresholdPercent { get; set; } = 80;
    public TimeSpan MemoryHighFor { get; set; } = TimeSpan.FromMinutes(5);
    public int ErrorThreshold { get; set; } = 20;
    public TimeSpan ErrorWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An alert's channels are used at most once per problem in this interval.</summary>
    public TimeSpan NotifyInterval { get; set; } = TimeSpan.FromHours(1);

    public AlertChannelOptions Channels { get; } = new();

    public static MonitoringOptions From(IConfiguration configuration)
    {
        var o = new MonitoringOptions();
        var section = configuration.GetSection(Section);
        var c = o.Channels;
        Read(configuration, section, "Networks", "MONITORING_NETWORKS", v => o.Networks = ParseNetworks(v));
        Read(configuration, section, "Token", "MONITORING_TOKEN", v => o.Token = v);
        Read(configuration, section, "BackupMaxAgeHours", "BACKUP_MAX_AGE_HOURS", v => o.BackupMaxAge = TimeSpan.FromHours(Number(v)));
        Read(configuration, section, "DiskFreeMb", "ALERT_DISK_FREE_MB", v => o.DiskFreeThresholdBytes = (long)(Number(v) * (1 << 20)));
        Read(configuration, section, "MemoryPercent", "ALERT_MEMORY_PERCENT", v => o.MemoryThresholdPercent = Number(v));
        Read(configuration, section, "ErrorsPer10Minutes", "ALERT_ERRORS_PER_10_MIN", v => o.ErrorThreshold = (int)Number(v));
        Read(configuration, section, "WebhookUrl", "ALERT_WEBHOOK_URL", v => c.WebhookUrl = new Uri(v));
        Read(configuration, section, "SmtpHost", "ALERT_SMTP_HOST", v => c.SmtpHost = v);
        Read(configuration, section, "SmtpPort", "ALERT_SMTP_PORT", v => c.SmtpPort = (int)Number(v));
        Read(configuration, section, "SmtpSecurity", "ALERT_SMTP_SECURITY", v => c.SmtpSecurity = v);
        Read(configuration, section, "SmtpUser", "ALERT_SMTP_USER", v => c.SmtpUser = v);
        Read(configuration, section, "SmtpPassword", "ALERT_SMTP_PASSWORD", v => c.SmtpPassword = v);
        Read(configuration, section, "EmailFrom", "ALERT_EMAIL_FROM", v => c.EmailFrom = v);
        Read(configuration, section, "EmailTo", "ALERT_EMAIL_TO", v => c.EmailTo = List(v));
        return o;
    }

    /// <summary>"10.0.0.0/8, 192.168.1.20" (a bare address is a network of one).</summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(string value) =>
        List(value).Select(n => n.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(n)
            : new IPNetwork(IPAddress.Parse(n), IPAddress.Parse(n).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)).ToList();

    public bool IsTrustedAddress(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return Networks.Any(n => n.Contains(address));
    }

    private static void Read(IConfiguration configuration, IConfigurationSection section, string key, string flat, Action<string> apply)
    {
        RegisFlowOptions.Override(section, key, apply);
        RegisFlowOptions.Override(configuration, flat, apply);
    }

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Where alerts go: a webhook (JSON body) and/or e-mail over SMTP. A channel left empty is not used.</summary>
public sealed class AlertChannelOptions
{
    public Uri? WebhookUrl { get; set; }
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;

    /// <summary>auto (STARTTLS when offered), starttls, ssl or none.</summary>
    public string SmtpSecurity { get; set; } = "auto";
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string EmailFrom { get; set; } = "regisflow@localhost";
    public IReadOnlyList<string> EmailTo { get; set; } = [];

    public bool EmailEnabled => !string.IsNullOrWhiteSpace(SmtpHost) && EmailTo.Count > 0;
}
