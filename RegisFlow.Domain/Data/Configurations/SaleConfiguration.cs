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
        sale.Property(s => s.BuyerFirstNames).HasMaxLength(100);
        sale.Property(s => s.BuyerBirthPlace).HasMaxLength(200);
        sale.Property(s => s.BuyerAddress).HasMaxLength(500);
        sale.Property(s => s.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        sale.Property(s => s.IdDocumentType).HasConversion<string>().HasMaxLength(30);
        sale.Property(s => s.IdDocumentNumber).HasMaxLength(50);
        sale.Property(s => s.IdDocumentAuthority).HasMaxLength(200);
        sale.Property(s => s.MissingPhotosReason).HasMaxLength(SaleValidator.MaxMissingPhotosReasonLength);

        sale.HasOne(s => s.Store).WithMany().HasForeignKey(s => s.StoreId).OnDelete(DeleteBehavior.Restrict);
        sale.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SaleId).OnDelete(DeleteBehavior.Cascade);
        sale.HasMany(s => s.Photos).WithOne().HasForeignKey(p => p.SaleId).OnDelete(DeleteBehavior.Cascade);

        // History and exports page by (sold_at, id) keysets, within a store or across stores; the purge scans by date.
        sale.HasIndex(s => new { s.StoreId, s.SoldAt, s.Id });
        sale.HasIndex(s => new { s.SoldAt, s.Id });
        sale.HasIndex(s => new { s.BuyerLastName, s.BuyerFirstNames });
        sale.HasIndex(s => s.IdDocumentNumber);
        sale.HasIndex(s => s.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        // A store's chain, walked in order by the integrity check; one sale per rank.
        sale.HasIndex(s => new { s.StoreId, s.ChainPosition }).IsUnique();

        sale.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sales_payment_method", "payment_method IN ('Card', 'Cash', 'Cheque', 'GiftCard', 'Other')");
            t.HasCheckConstraint("ck_sales_id_document_type", "id_document_type IN ('NationalIdCard', 'Passport', 'DrivingLicence', 'ResidencePermit')");
            t.HasCheckConstraint("ck_sales_buyer_last_name_not_blank", "btrim(buyer_last_name) <> ''");
            t.HasCheckConstraint("ck_sales_buyer_first_names_not_blank", "btrim(buyer_first_names) <> ''");
            t.HasCheckConstraint("ck_sales_buyer_birth_place_not_blank", "btrim(buyer_birth_place) <> ''");
            t.HasCheckConstraint("ck_sales_buyer_address_not_blank", "btrim(buyer_address) <> ''");
            t.HasCheckConstraint("ck_sales_seller_name_not_blank", "btrim(seller_name) <> ''");
            t.HasCheckConstraint("ck_sales_id_document_number_not_blank", "btrim(id_document_number) <> ''");
            t.HasCheckConstraint("ck_sales_id_document_authority_not_blank", "btrim(id_document_authority) <> ''");
            t.HasCheckConstraint("ck_sales_issue_after_birth", "id_document_issue_date >= buyer_birth_date");
            t.HasCheckConstraint("ck_sales_chain", "(chain_position IS NULL) = (chain_hash IS NULL) AND (chain_hash IS NULL OR octet_length(chain_hash) = 32)");
            t.HasCheckConstraint("ck_sales_counts_not_negative", "line_count >= 0 AND total_quantity >= 0 AND photo_count >= 0");
        });
    }
}

internal sealed class SaleHourCountConfiguration : IEntityTypeConfiguration<SaleHourCount>
{
    public void Configure(EntityTypeBuilder<SaleHourCount> count)
    {
        count.ToTable("sale_hour_counts");
        count.HasKey(c => new { c.StoreId, c.Hour });
        count.HasOne<RegisFlow.Domain.Stores.Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SaleLineConfiguration : IEntityTypeConfiguration<SaleLine>
{
    public void Configure(EntityTypeBuilder<SaleLine> line)
    {
        line.Property(l => l.ArticleType).HasConversion<string>().HasMaxLength(40);
        line.Property(l => l.Category).HasConversion<string>().HasMaxLength(2);
        line.Property(l => l.Reference).HasMaxLength(ProductReference.MaxShopLength);
        line.Property(l => l.ReferenceKind).HasConversion<string>().HasMaxLength(10);
        line.HasIndex(l => l.Reference);
        line.HasIndex(l => new { l.SaleId, l.Position }).IsUnique();
        line.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sale_lines_category", "category IN ('F2', 'F3')");
            t.HasCheckConstraint("ck_sale_lines_quantity_positive", "quantity >= 1");
            // Also limits reference_kind to the three kinds.
            t.HasCheckConstraint("ck_sale_lines_reference_format",
                "(reference_kind = 'Ean13' AND reference ~ '^[0-9]{13}$') OR (reference_kind = 'Ean8' AND reference ~ '^[0-9]{8}$') "
                + "OR (reference_kind = 'Shop' AND btrim(reference) <> '')");
        });
    }
}
