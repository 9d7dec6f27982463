using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class SaleMissingPhotosReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "missing_photos_reason",
                table: "sales",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "missing_photos_reason",
                table: "sales");
        }
    }
}
