using RegisFlow.Domain.Database;

namespace RegisFlow.Web.Features.Outage;

/// <summary>
/// Whether this page (circuit) last found the database reachable. The sign-in check of open pages reports here every
/// few seconds, and so does any operation that failed for lack of a database; the banner shows it.
/// </summary>
public sealed class DatabaseStatus(DatabaseConnection database)
{
    public bool Unreachable { get; private set; }

    public event Action? Changed;

    public void ReportReachable() => Set(unreachable: false);

    public void ReportUnreachable()
    {
        if (!Unreachable)
        {
            DatabaseOutage.ForgetConnections(database);
        }
        Set(unreachable: true);
    }

    /// <summary>Reports the outage when <paramref name="exception"/> is one; returns whether it was.</summary>
    public bool ReportIfUnreachable(Exception exception)
    {
        if (!DatabaseOutage.IsUnreachable(exception))
        {
            return false;
        }
        ReportUnreachable();
        return true;
    }

    private void Set(bool unreachable)
    {
        if (Unreachable != unreachable)
        {
            Unreachable = unreachable;
            Changed?.Invoke();
        }
    }
}
