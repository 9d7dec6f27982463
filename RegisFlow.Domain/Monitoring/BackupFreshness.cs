using Microsoft.EntityFrameworkCore;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;

namespace RegisFlow.Domain.Monitoring;

/// <summary>Whether the newest good backup is recent enough, measured from the install when there was never one.</summary>
public sealed record BackupFreshnessState(BackupFile? Newest, DateTimeOffset? InstalledAt, TimeSpan Allowed, DateTimeOffset Now)
{
    /// <summary>Since when the clock runs: the newest backup, or the first start for a register never backed up.</summary>
    public DateTimeOffset? Since => Newest?.CreatedAt ?? InstalledAt;

    public bool Overdue => Since is { } since && Now - since > Allowed;

    public string Problem => Newest is null
        ? $"aucune sauvegarde réussie depuis l'installation ({Hours(Now - InstalledAt!.Value)} h)"
        : $"dernière sauvegarde réussie il y a {Hours(Now - Newest.CreatedAt)} h (au plus {Hours(Allowed)} h attendues)";

    private static string Hours(TimeSpan span) => Math.Floor(span.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A good backup is a file completely written into the backup folder (it is renamed into place only once whole).
/// A register with no backup at all is given the same allowance from its first start (its oldest audit row, the
/// seeding of the first administrator), so a fresh install is not flagged before its first scheduled backup could run.
/// </summary>
public sealed class BackupFreshness(BackupService backups, IDbContextFactory<RegisFlowDbContext> factory, MonitoringOptions options, TimeProvider clock)
{
    public async Task<BackupFreshnessState> CheckAsync(CancellationToken ct = default)
    {
        var newest = backups.ListFiles().FirstOrDefault();
        DateTimeOffset? installedAt = null;
        if (newest is null)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            installedAt = await db.AuditEvents.MinAsync(a => (DateTimeOffset?)a.OccurredAt, ct);
        }
        return new BackupFreshnessState(newest, installedAt, options.BackupMaxAge, clock.GetUtcNow());
    }

    /// <summary>Age of the newest good backup in seconds (null when there is none): for the metrics, no database call.</summary>
    public double? NewestAgeSeconds() =>
        backups.ListFiles().FirstOrDefault() is { } newest ? (clock.GetUtcNow() - newest.CreatedAt).TotalSeconds : null;
}
