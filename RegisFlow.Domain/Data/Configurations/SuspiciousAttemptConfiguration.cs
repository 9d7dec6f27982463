using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Suspicious;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class SuspiciousAttemptConfiguration : IEntityTypeConfiguration<SuspiciousAttempt>
{
    public void Configure(EntityTypeBuilder<SuspiciousAttempt> attempt)
    {
        attempt.Property(a => a.ClerkName).HasMaxLength(200);
        attempt.PrimitiveCollection(a => a.Reasons).ElementType(e => e.HasConversion<string>().HasMaxLength(40));
        attempt.Property(a => a.Details).HasMaxLength(SuspiciousAttemptInput.MaxDetailsLength);
        attempt.Property(a => a.BuyerLastName).HasMaxLength(100);
        attempt.Property(a => a.BuyerFirstNames).HasMaxLength(100);
        attempt.Property(a => a.BuyerBirthPlace).HasMaxLength(200);
        attempt.Property(a => a.BuyerAddress).HasMaxLength(500);
        attempt.Property(a => a.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        attempt.Property(a => a.IdDocumentType).HasConversion<string>().HasMaxLength(30);
        attempt.Property(a => a.IdDocumentNumber).HasMaxLength(50);
        attempt.Property(a => a.IdDocumentAuthority).HasMaxLength(200);
        attempt.HasOne(a => a.Store).WithMany().HasForeignKey(a => a.StoreId).OnDelete(DeleteBehavior.Restrict);
        // The list pages by store and date; the purge scans by date.
        attempt.HasIndex(a => new { a.StoreId, a.RecordedAt });
        attempt.HasIndex(a => a.RecordedAt);
        attempt.ToTable(t => t.HasCheckConstraint("ck_suspicious_attempts_reasons", "cardinality(reasons) >= 1"));
    }
}
