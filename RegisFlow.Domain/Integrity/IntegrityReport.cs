using System.Globalization;

namespace RegisFlow.Domain.Integrity;

/// <summary>The first link of a store's chain that does not hold, in words a manager or an inspector can act on.</summary>
public sealed record ChainBreak(int StoreId, string StoreName, long? SaleNumber, string Problem)
{
    public string Describe() => SaleNumber is { } number
        ? string.Create(CultureInfo.InvariantCulture, $"{StoreName}, vente n° {number} : {Problem}")
        : $"{StoreName} : {Problem}";
}

/// <summary>One store's chain as the check found it: its length and last hash, what was checked, and where it breaks if it does.</summary>
public sealed record StoreChainStatus(int StoreId, string StoreName, long Length, string HeadHash, long SalesChecked, long Removed, ChainBreak? Break)
{
    public bool Intact => Break is null;
}

public sealed record IntegrityReport(DateTimeOffset CheckedAt, IReadOnlyList<StoreChainStatus> Stores)
{
    public ChainBreak? FirstBreak => Stores.Select(s => s.Break).FirstOrDefault(b => b is not null);
    public bool Passed => FirstBreak is null;
    public long SalesChecked => Stores.Sum(s => s.SalesChecked);

    public string Summary => FirstBreak is { } broken
        ? $"Chaîne d'intégrité rompue — {broken.Describe()}"
        : string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"Registre intègre : {SalesChecked:N0} ventes vérifiées dans {Stores.Count} magasin(s).");
}

/// <summary>Raised inside the job run so that <see cref="Monitoring.JobRecorder"/> records a failure and raises the alert.</summary>
public sealed class IntegrityCheckFailedException(IntegrityReport report) : Exception(report.Summary)
{
    public IntegrityReport Report { get; } = report;
}

/// <summary>The latest check, as the audit trail recorded it.</summary>
public sealed record IntegrityCheckView(DateTimeOffset At, string? UserName, bool Passed, string Summary);
