using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Catalogue;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class CatalogueArticleConfiguration : IEntityTypeConfiguration<CatalogueArticle>
{
    public void Configure(EntityTypeBuilder<CatalogueArticle> article)
    {
        article.ToTable("catalogue_articles", t =>
        {
            t.HasCheckConstraint("ck_catalogue_articles_category", "category IN ('F2', 'F3')");
            t.HasCheckConstraint("ck_catalogue_articles_reference_format",
                "(reference_kind = 'Ean13' AND reference ~ '^[0-9]{13}$') OR (reference_kind = 'Ean8' AND reference ~ '^[0-9]{8}$') "
                + "OR (reference_kind = 'Shop' AND btrim(reference) <> '')");
            t.HasCheckConstraint("ck_catalogue_articles_label_not_blank", "btrim(label) <> ''");
        });
        article.Property(a => a.Reference).HasMaxLength(ProductReference.MaxShopLength);
        article.Property(a => a.ReferenceKind).HasConversion<string>().HasMaxLength(10);
        article.Property(a => a.ArticleType).HasConversion<string>().HasMaxLength(40);
        article.Property(a => a.Category).HasConversion<string>().HasMaxLength(2);
        article.Property(a => a.Label).HasMaxLength(CatalogueInput.MaxLabelLength);
        article.HasIndex(a => new { a.StoreId, a.Reference }).IsUnique();
        article.HasOne<Store>().WithMany().HasForeignKey(a => a.StoreId).OnDelete(DeleteBehavior.Cascade);
    }
}
