using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Stores;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class ChainHeadConfiguration : IEntityTypeConfiguration<ChainHead>
{
    public void Configure(EntityTypeBuilder<ChainHead> head)
    {
        head.HasIndex(h => h.StoreId).IsUnique();
        head.HasOne<Store>().WithOne().HasForeignKey<ChainHead>(h => h.StoreId).OnDelete(DeleteBehavior.Cascade);
        head.ToTable(t => t.HasCheckConstraint("ck_chain_heads_hash_length", "octet_length(hash) = 32"));
    }
}

internal sealed class SaleTombstoneConfiguration : IEntityTypeConfiguration<SaleTombstone>
{
    public void Configure(EntityTypeBuilder<SaleTombstone> tombstone)
    {
        tombstone.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
        tombstone.Property(t => t.RemovedBy).HasMaxLength(100);
        tombstone.Property(t => t.Reason).HasMaxLength(500);
        tombstone.HasOne<Store>().WithMany().HasForeignKey(t => t.StoreId).OnDelete(DeleteBehavior.Cascade);
        tombstone.HasIndex(t => new { t.StoreId, t.ChainPosition }).IsUnique();
        tombstone.HasIndex(t => t.SaleId).IsUnique();
        tombstone.HasIndex(t => new { t.StoreId, t.SoldAt });
    }
}
