namespace RegisFlow.Domain.Backups;

/// <summary>One restore test: the newest backup restored into a scratch database and compared with its manifest.</summary>
public class BackupProof
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public string? FileName { get; set; }
    public DateTimeOffset? BackupCreatedAt { get; set; }
    public bool Succeeded { get; set; }

    /// <summary>What was compared, or why it failed (French, shown as is).</summary>
    public required string Message { get; set; }

    /// <summary>JSON object: rows per table found in the scratch database.</summary>
    public string? Counts { get; set; }
    public long DurationMs { get; set; }
}
