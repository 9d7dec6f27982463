using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Alerts;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.Property(a => a.Kind).HasMaxLength(50);
        alert.Property(a => a.Key).HasMaxLength(200);
        alert.Property(a => a.Message).HasMaxLength(2000);
        alert.HasIndex(a => a.StartedAt);
        // One open alert per problem, even with several app instances.
        alert.HasIndex(a => a.Key).IsUnique().HasFilter("ended_at IS NULL");
    }
}
