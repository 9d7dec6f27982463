namespace RegisFlow.Domain.Suspicious;

/// <summary>A row of the "Tentatives suspectes" list.</summary>
public sealed record SuspiciousAttemptRow(
    long Id, DateTimeOffset RecordedAt, string StoreName, string ClerkName, IReadOnlyList<SuspicionReason> Reasons, string Buyer, string Details);

/// <summary>What the list page asks for: a store (admins only; null for every store) and a page.</summary>
public sealed record SuspiciousAttemptQuery(int? StoreId, int Page, int PageSize);
