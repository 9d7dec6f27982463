using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class SuspiciousAttemptsAndSaleWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "warn_cash_total_quantity",
                table: "stores",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "warn_quantity_per_line",
                table: "stores",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "warn_total_quantity",
                table: "stores",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "suspicious_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_user_id = table.Column<int>(type: "integer", nullable: true),
                    clerk_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reasons = table.Column<string[]>(type: "character varying(40)[]", nullable: false),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    buyer_last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    buyer_first_names = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    buyer_birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    buyer_birth_place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    buyer_address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    payment_method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    id_document_type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    id_document_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    id_document_authority = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    id_document_issue_date = table.Column<DateOnly>(type: "date", nullable: true),
                    articles = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suspicious_attempts", x => x.id);
                    table.CheckConstraint("ck_suspicious_attempts_reasons", "cardinality(reasons) >= 1");
                    table.ForeignKey(
                        name: "fk_suspicious_attempts_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_stores_warning_thresholds_positive",
                table: "stores",
                sql: "coalesce(warn_quantity_per_line, 1) >= 1 AND coalesce(warn_total_quantity, 1) >= 1 AND coalesce(warn_cash_total_quantity, 1) >= 1");

            migrationBuilder.CreateIndex(
                name: "ix_suspicious_attempts_recorded_at",
                table: "suspicious_attempts",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_suspicious_attempts_store_id_recorded_at",
                table: "suspicious_attempts",
                columns: new[] { "store_id", "recorded_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "suspicious_attempts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_stores_warning_thresholds_positive",
                table: "stores");

            migrationBuilder.DropColumn(
                name: "warn_cash_total_quantity",
                table: "stores");

            migrationBuilder.DropColumn(
                name: "warn_quantity_per_line",
                table: "stores");

            migrationBuilder.DropColumn(
                name: "warn_total_quantity",
                table: "stores");
        }
    }
}
