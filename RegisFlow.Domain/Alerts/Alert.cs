namespace RegisFlow.Domain.Alerts;

/// <summary>
/// One problem, from when it was seen until it ended. <see cref="Key"/> names the problem (its kind, and for some kinds
/// what it concerns, e.g. "disk.low:backups"): at most one open alert per key.
/// </summary>
public class Alert
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Key { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the channels were told about it (null: not told, e.g. within the hour of the previous notice of the same problem).</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
}

/// <summary>The kinds of alert; another part of the app raises its own with <see cref="AlertService.RaiseAsync"/>.</summary>
public static class AlertKinds
{
    public const string BackupFailed = "backup.failed";
    public const string PurgeFailed = "purge.failed";
    public const string BackupOverdue = "backup.overdue";
    public const string BackupProofFailed = "backup-proof.failed";
    public const string DiskLow = "disk.low";
    public const string MemoryHigh = "memory.high";
    public const string ErrorRate = "errors.rate";
    public const string PhotoEncryptionFailed = "photo-encryption.failed";

    /// <summary>For the register's integrity check: raise it when the check finds a difference, end it when it passes again.</summary>
    public const string IntegrityCheckFailed = "integrity.failed";

    public static string Label(string kind) => kind switch
    {
        BackupFailed => "Sauvegarde en échec",
        PurgeFailed => "Purge en échec",
        BackupOverdue => "Pas de sauvegarde récente",
        BackupProofFailed => "Test de restauration en échec",
        DiskLow => "Espace disque faible",
        MemoryHigh => "Mémoire presque pleine",
        ErrorRate => "Erreurs en nombre",
        PhotoEncryptionFailed => "Photos non chiffrées ou clé des photos manquante",
        IntegrityCheckFailed => "Contrôle d'intégrité en échec",
        _ => kind,
    };
}
