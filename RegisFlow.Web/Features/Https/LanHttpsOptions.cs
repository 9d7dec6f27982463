using Microsoft.Extensions.Configuration;

namespace RegisFlow.Web.Features.Https;

/// <summary>
/// HTTPS for the shop's tablets: on by default (the camera needs a secure page), off behind a reverse proxy that
/// terminates TLS. Read from the "RegisFlow:Https" section and from the flat names LAN_HTTPS and LAN_HTTPS_NAMES, which win.
/// </summary>
public sealed class LanHttpsOptions
{
    public const string Section = "RegisFlow:Https";

    /// <summary>The default start listens with TLS too, with a certificate made by the app when the shop gives none.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Names or addresses the machine's own discovery cannot know (a DNS name given by the shop's router, say).</summary>
    public List<string> ExtraNames { get; set; } = [];

    public static LanHttpsOptions From(IConfiguration configuration)
    {
        var options = new LanHttpsOptions();
        configuration.GetSection(Section).Bind(options);
        if (configuration["LAN_HTTPS"] is { Length: > 0 } enabled)
        {
            options.Enabled = bool.TryParse(enabled.Trim(), out var on)
                ? on
                : throw new InvalidOperationException($"LAN_HTTPS vaut « {enabled} » : indiquez true ou false.");
        }
        if (configuration["LAN_HTTPS_NAMES"] is { Length: > 0 } names)
        {
            options.ExtraNames = [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        return options;
    }
}
