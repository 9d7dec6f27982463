using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Backups;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class BackupProofConfiguration : IEntityTypeConfiguration<BackupProof>
{
    public void Configure(EntityTypeBuilder<BackupProof> proof)
    {
        proof.Property(p => p.FileName).HasMaxLength(100);
        proof.Property(p => p.Message).HasMaxLength(2000);
        proof.Property(p => p.Counts).HasColumnType("jsonb");
        proof.HasIndex(p => p.StartedAt);
    }
}
