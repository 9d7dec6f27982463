using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegisterFieldsAndReferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Data: keep the lines' EAN-13 codes while EF replaces the ean13 column by reference (restored below, before its checks).
            migrationBuilder.Sql("CREATE TEMPORARY TABLE sale_line_codes AS SELECT id, ean13 FROM sale_lines;");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sales_buyer_first_name_not_blank",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sale_lines_ean13",
                table: "sale_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sale_lines_ean13_digits",
                table: "sale_lines");

            migrationBuilder.DropColumn(
                name: "ean13",
                table: "sale_lines");

            migrationBuilder.RenameColumn(
                name: "buyer_first_name",
                table: "sales",
                newName: "buyer_first_names");

            migrationBuilder.RenameIndex(
                name: "ix_sales_buyer_last_name_buyer_first_name",
                table: "sales",
                newName: "ix_sales_buyer_last_name_buyer_first_names");

            // Data: the issuing authority becomes required; sales recorded without one say so.
            migrationBuilder.Sql("UPDATE sales SET id_document_authority = 'non renseignée' WHERE id_document_authority IS NULL OR btrim(id_document_authority) = '';");

            migrationBuilder.AlterColumn<string>(
                name: "id_document_authority",
                table: "sales",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reference",
                table: "sale_lines",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "reference_kind",
                table: "sale_lines",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            // Data: every line recorded so far carries an EAN-13; put it back as the line's reference.
            migrationBuilder.Sql("UPDATE sale_lines l SET reference = btrim(c.ean13), reference_kind = 'Ean13' FROM sale_line_codes c WHERE c.id = l.id; DROP TABLE sale_line_codes;");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sales_buyer_first_names_not_blank",
                table: "sales",
                sql: "btrim(buyer_first_names) <> ''");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sales_id_document_authority_not_blank",
                table: "sales",
                sql: "btrim(id_document_authority) <> ''");

            migrationBuilder.CreateIndex(
                name: "ix_sale_lines_reference",
                table: "sale_lines",
                column: "reference");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sale_lines_reference_format",
                table: "sale_lines",
                sql: "(reference_kind = 'Ean13' AND reference ~ '^[0-9]{13}$') OR (reference_kind = 'Ean8' AND reference ~ '^[0-9]{8}$') OR (reference_kind = 'Shop' AND btrim(reference) <> '')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_sales_buyer_first_names_not_blank",
                table: "sales");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sales_id_document_authority_not_blank",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sale_lines_reference",
                table: "sale_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sale_lines_reference_format",
                table: "sale_lines");

            migrationBuilder.DropColumn(
                name: "reference",
                table: "sale_lines");

            migrationBuilder.DropColumn(
                name: "reference_kind",
                table: "sale_lines");

            migrationBuilder.RenameColumn(
                name: "buyer_first_names",
                table: "sales",
                newName: "buyer_first_name");

            migrationBuilder.RenameIndex(
                name: "ix_sales_buyer_last_name_buyer_first_names",
                table: "sales",
                newName: "ix_sales_buyer_last_name_buyer_first_name");

            migrationBuilder.AlterColumn<string>(
                name: "id_document_authority",
                table: "sales",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "ean13",
                table: "sale_lines",
                type: "character(13)",
                fixedLength: true,
                maxLength: 13,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sales_buyer_first_name_not_blank",
                table: "sales",
                sql: "btrim(buyer_first_name) <> ''");

            migrationBuilder.CreateIndex(
                name: "ix_sale_lines_ean13",
                table: "sale_lines",
                column: "ean13");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sale_lines_ean13_digits",
                table: "sale_lines",
                sql: "ean13 ~ '^[0-9]{13}$'");
        }
    }
}
