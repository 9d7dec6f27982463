namespace RegisFlow.Web.Features.Sales;

/// <summary>
/// Given by the sale page to every <see cref="FieldAnchor"/>: a field the clerk has left is checked from then on, so a
/// 12-digit code or a quantity of 999 is flagged at once, not at the save.
/// </summary>
public sealed class SaleFieldTracker(Func<string, Task> left)
{
    public Task LeftAsync(string field) => left(field);
}
