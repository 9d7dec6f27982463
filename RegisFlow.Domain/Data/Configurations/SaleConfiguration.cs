using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Sales;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class SaleConfiguration : IEntityTypeConfiguration<Sale>
{
    public void Configure(EntityTypeBuilder<Sale> sale)
    {
        sale.Property(s => s.SellerName).HasMaxLength(200);
        sale.Property(s => s.BuyerLastName).HasMaxLength(100);
        sale.Property(s => s.BuyerFirstName).HasMaxLength(100);
        sale.Property(s => s.BuyerBirthPlace).HasMaxLength(200);
        sale.Property(s => s.BuyerAddress).HasMaxLength(500);
        sale.Property(s => s.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        sale.Property(s => s.IdDocumentType).HasConversion<string>().HasMaxLength(30);
        sale.Property(s => s.IdDocumentNumber).HasMaxLength(50);
        sale.Property(s => s.IdDocumentAuthority).HasMaxLength(200);

        sale.HasOne(s => s.Store).WithMany().HasForeignKey(s => s.StoreId).OnDelete(DeleteBehavior.Restrict);
        sale.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SaleId).OnDelete(DeleteBehavior.Cascade);
        sale.HasMany(s => s.Photos).WithOne().HasForeignKey(p => p.SaleId).OnDelete(DeleteBehavior.Cascade);

        // History: a store's sales newest first, and the purge scanning by date.
        sale.HasIndex(s => new { s.StoreId, s.SoldAt });
        sale.HasIndex(s => s.SoldAt);
        sale.HasIndex(s => new { s.BuyerLastName, s.BuyerFirstName });
        sale.HasIndex(s => s.IdDocumentNumber);
        sale.HasIndex(s => s.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");

        sale.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sales_payment_method", "payment_method IN ('Card', 'Cash', 'Cheque', 'GiftCard', 'Other')");
            t.HasCheckConstraint("ck_sales_id_document_type", "id_document_type IN ('NationalIdCard', 'Passport', 'DrivingLicence', 'ResidencePermit')");
            t.HasCheckConstraint("ck_sales_buyer_last_name_not_blank", "btrim(buyer_last_name) <> ''");
            t.HasCheckConstraint("ck_sales_buyer_first_name_not_blank", "btrim(buyer_first_name) <> ''");
            t.HasCheckConstraint("ck_sales_buyer_birth_place_not_blank", "btrim(buyer_birth_place) <> ''");
            t.HasCheckConstraint("ck_sales_buyer_address_not_blank", "btrim(buyer_address) <> ''");
            t.HasCheckConstraint("ck_sales_seller_name_not_blank", "btrim(seller_name) <> ''");
            t.HasCheckConstraint("ck_sales_id_document_number_not_blank", "btrim(id_document_number) <> ''");
            t.HasCheckConstraint("ck_sales_issue_after_birth", "id_document_issue_date >= buyer_birth_date");
        });
    }
}

internal sealed class SaleLineConfiguration : IEntityTypeConfiguration<SaleLine>
{
    public void Configure(EntityTypeBuilder<SaleLine> line)
    {
        line.Property(l => l.ArticleType).HasConversion<string>().HasMaxLength(40);
        line.Property(l => l.Category).HasConversion<string>().HasMaxLength(2);
        line.Property(l => l.Ean13).HasMaxLength(13).IsFixedLength();
        line.HasIndex(l => l.Ean13);
        line.HasIndex(l => new { l.SaleId, l.Position }).IsUnique();
        line.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sale_lines_category", "category IN ('F2', 'F3')");
            t.HasCheckConstraint("ck_sale_lines_quantity_positive", "quantity >= 1");
            t.HasCheckConstraint("ck_sale_lines_ean13_digits", "ean13 ~ '^[0-9]{13}$'");
        });
    }
}
