namespace RegisFlow.Web.Features.Account;

/// <summary>
/// The store an administrator works in, chosen in the app bar (null: every store, for reading).
/// Employees and managers always work in their own store; domain services enforce that whatever this holds.
/// </summary>
public sealed class SelectedStore
{
    public int? StoreId { get; private set; }

    public string? StoreName { get; private set; }

    public event Action? Changed;

    /// <summary>Raised when a store was created, changed or deleted, so that the app bar's list is read again.</summary>
    public event Action? StoresChanged;

    public void NotifyStoresChanged() => StoresChanged?.Invoke();

    public void Select(int? storeId, string? storeName)
    {
        if (StoreId == storeId)
        {
            return;
        }
        StoreId = storeId;
        StoreName = storeName;
        Changed?.Invoke();
    }
}
