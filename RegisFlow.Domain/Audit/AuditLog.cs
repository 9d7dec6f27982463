using System.Text.Json;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Audit;

public static class AuditLog
{
    /// <summary>Builds an audit row for <paramref name="caller"/>; <paramref name="details"/> is serialised to JSON and must hold no buyer personal data.</summary>
    public static AuditEvent For(Caller? caller, string action, DateTimeOffset at, object? details = null,
        string? targetType = null, string? targetId = null, int? storeId = null) => new()
    {
        OccurredAt = at,
        UserId = caller?.UserId,
        UserName = caller?.UserName,
        Action = action,
        StoreId = storeId ?? caller?.StoreId,
        TargetType = targetType,
        TargetId = targetId,
        Details = details is null ? null : JsonSerializer.Serialize(details),
        ClientAddress = caller?.ClientAddress,
    };
}
