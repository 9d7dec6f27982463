using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Stores;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> store)
    {
        store.Property(s => s.Name).HasMaxLength(200);
        store.Property(s => s.Address).HasMaxLength(500);
        store.Property(s => s.Phone).HasMaxLength(50);
        store.Property(s => s.Email).HasMaxLength(200);
        store.HasIndex(s => s.Name).IsUnique();
        store.ToTable(t =>
        {
            t.HasCheckConstraint("ck_stores_name_not_blank", "btrim(name) <> ''");
            t.HasCheckConstraint("ck_stores_warning_thresholds_positive",
                "coalesce(warn_quantity_per_line, 1) >= 1 AND coalesce(warn_total_quantity, 1) >= 1 AND coalesce(warn_cash_total_quantity, 1) >= 1");
        });
    }
}
