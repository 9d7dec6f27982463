using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoreCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalogue_articles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reference_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    article_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    category = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_articles", x => x.id);
                    table.CheckConstraint("ck_catalogue_articles_category", "category IN ('F2', 'F3')");
                    table.CheckConstraint("ck_catalogue_articles_label_not_blank", "btrim(label) <> ''");
                    table.CheckConstraint("ck_catalogue_articles_reference_format", "(reference_kind = 'Ean13' AND reference ~ '^[0-9]{13}$') OR (reference_kind = 'Ean8' AND reference ~ '^[0-9]{8}$') OR (reference_kind = 'Shop' AND btrim(reference) <> '')");
                    table.ForeignKey(
                        name: "fk_catalogue_articles_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_articles_store_id_reference",
                table: "catalogue_articles",
                columns: new[] { "store_id", "reference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_articles");
        }
    }
}
