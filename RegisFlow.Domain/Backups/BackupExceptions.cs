namespace RegisFlow.Domain.Backups;

/// <summary>A backup, restore or purge was refused or failed; the message is French and shown to the user as is.</summary>
public class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Another backup, restore or purge holds the lock (in this instance or another one on the same database).</summary>
public sealed class JobAlreadyRunningException(string message) : BackupException(message);

/// <summary>The backup file cannot be restored: wrong key, altered, truncated, unknown version. Nothing was changed.</summary>
public sealed class InvalidBackupException(string message, Exception? inner = null) : BackupException(message, inner);
