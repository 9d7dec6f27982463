using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoreSaleSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "default_payment_method",
                table: "stores",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                defaultValue: "Cash");

            migrationBuilder.AddColumn<bool>(
                name: "photos_required",
                table: "stores",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddCheckConstraint(
                name: "ck_stores_default_payment_method",
                table: "stores",
                sql: "default_payment_method IN ('Card', 'Cash', 'Cheque', 'GiftCard', 'Other')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_stores_default_payment_method",
                table: "stores");

            migrationBuilder.DropColumn(
                name: "default_payment_method",
                table: "stores");

            migrationBuilder.DropColumn(
                name: "photos_required",
                table: "stores");
        }
    }
}
