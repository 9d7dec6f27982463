using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegisFlow.Domain.Photos;

namespace RegisFlow.Domain.Data.Configurations;

internal sealed class SalePhotoConfiguration : IEntityTypeConfiguration<SalePhoto>
{
    public void Configure(EntityTypeBuilder<SalePhoto> photo)
    {
        photo.ToTable("sale_photos");
        photo.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        photo.Property(p => p.ContentType).HasMaxLength(50);
        photo.HasIndex(p => new { p.SaleId, p.Kind }).IsUnique();
        photo.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sale_photos_kind", "kind IN ('IdFront', 'IdBack', 'Receipt')");
            t.HasCheckConstraint("ck_sale_photos_size", "size_bytes > 0 AND size_bytes = octet_length(data)");
        });
    }
}
