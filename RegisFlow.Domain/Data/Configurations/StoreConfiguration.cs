using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Sales;
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
        // The database default is for rows written without the column (an older backup restored); the application always
        // writes the value, so that "no default" (null) is kept as chosen.
        store.Property(s => s.DefaultPaymentMethod).HasConversion<string>().HasMaxLength(20)
            .HasDefaultValue(PaymentMethod.Cash).ValueGeneratedNever();
        store.Property(s => s.PhotosRequired).HasDefaultValue(false).ValueGeneratedNever();
        store.HasIndex(s => s.Name).IsUnique();
        store.ToTable(t =>
        {
            t.HasCheckConstraint("ck_stores_name_not_blank", "btrim(name) <> ''");
            t.HasCheckConstraint("ck_stores_warning_thresholds_positive",
                "coalesce(warn_quantity_per_line, 1) >= 1 AND coalesce(warn_total_quantity, 1) >= 1 AND coalesce(warn_cash_total_quantity, 1) >= 1");
            t.HasCheckConstraint("ck_stores_default_payment_method", "default_payment_method IN ('Card', 'Cash', 'Cheque', 'GiftCard', 'Other')");
        });
    }
}
