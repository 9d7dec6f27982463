using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Audit;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.Property(a => a.UserName).HasMaxLength(100);
        audit.Property(a => a.Action).HasMaxLength(50);
        audit.Property(a => a.TargetType).HasMaxLength(50);
        audit.Property(a => a.TargetId).HasMaxLength(100);
        audit.Property(a => a.Details).HasColumnType("jsonb");
        audit.Property(a => a.ClientAddress).HasMaxLength(64);
        audit.HasIndex(a => a.OccurredAt);
        audit.HasIndex(a => new { a.Action, a.OccurredAt });
        // A manager's journal: their store's rows, newest first.
        audit.HasIndex(a => new { a.StoreId, a.OccurredAt });
    }
}
