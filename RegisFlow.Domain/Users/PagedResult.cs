namespace RegisFlow.Domain.Users;

/// <summary>One page of a list, with the total number of rows for the pager.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
