namespace RegisFlow.Domain.Audit;

/// <summary>One line of the audit trail. Never holds buyer personal data.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public int? UserId { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public int? StoreId { get; set; }
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }

    /// <summary>JSON object with the details of the action.</summary>
    public string? Details { get; set; }
    public string? ClientAddress { get; set; }
}
