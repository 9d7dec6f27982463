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
        photo.Property(p => p.EncryptionKeyId).HasMaxLength(16);
        photo.HasIndex(p => new { p.SaleId, p.Kind }).IsUnique();
        photo.ToTable(t =>
        {
            t.HasCheckConstraint("ck_sale_photos_kind", "kind IN ('IdFront', 'IdBack', 'Receipt')");
            // An encrypted photo is its JPEG plus the nonce and the tag (PhotoKey.Overhead).
            t.HasCheckConstraint("ck_sale_photos_size",
                "size_bytes > 0 AND octet_length(data) = size_bytes + CASE WHEN encryption_key_id IS NULL THEN 0 ELSE 28 END");
            t.HasCheckConstraint("ck_sale_photos_sha256",
                "octet_length(content_sha256) = 32 AND (encryption_key_id IS NULL OR content_sha256 IS NOT NULL)");
        });
    }
}
