using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class EncryptedPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_sale_photos_size",
                table: "sale_photos");

            // Null only while a restore of a backup older than its SHA-256 fills it (RestoreService).
            migrationBuilder.AlterColumn<byte[]>(
                name: "content_sha256",
                table: "sale_photos",
                type: "bytea",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea");

            migrationBuilder.AddColumn<string>(
                name: "encryption_key_id",
                table: "sale_photos",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            // Photos stored so far are plain JPEG: their hash now; the app encrypts them at its next start (PhotoEncryption).
            migrationBuilder.Sql("UPDATE sale_photos SET content_sha256 = sha256(data);");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sale_photos_sha256",
                table: "sale_photos",
                sql: "octet_length(content_sha256) = 32 AND (encryption_key_id IS NULL OR content_sha256 IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sale_photos_size",
                table: "sale_photos",
                sql: "size_bytes > 0 AND octet_length(data) = size_bytes + CASE WHEN encryption_key_id IS NULL THEN 0 ELSE 28 END");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_sale_photos_sha256",
                table: "sale_photos");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sale_photos_size",
                table: "sale_photos");

            migrationBuilder.AlterColumn<byte[]>(
                name: "content_sha256",
                table: "sale_photos",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);

            migrationBuilder.DropColumn(
                name: "encryption_key_id",
                table: "sale_photos");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sale_photos_size",
                table: "sale_photos",
                sql: "size_bytes > 0 AND size_bytes = octet_length(data)");
        }
    }
}
