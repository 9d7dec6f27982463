using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: true),
                    user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    store_id = table.Column<int>(type: "integer", nullable: true),
                    target_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    target_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: true),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "login_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    normalized_user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_login_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stores",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stores", x => x.id);
                    table.CheckConstraint("ck_stores_name_not_blank", "btrim(name) <> ''");
                });

            migrationBuilder.CreateTable(
                name: "sales",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    sold_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    seller_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    buyer_last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    buyer_first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    buyer_birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    buyer_birth_place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    buyer_address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    payment_method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    id_document_type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    id_document_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    id_document_authority = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    id_document_issue_date = table.Column<DateOnly>(type: "date", nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    created_by_user_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales", x => x.id);
                    table.CheckConstraint("ck_sales_buyer_address_not_blank", "btrim(buyer_address) <> ''");
                    table.CheckConstraint("ck_sales_buyer_birth_place_not_blank", "btrim(buyer_birth_place) <> ''");
                    table.CheckConstraint("ck_sales_buyer_first_name_not_blank", "btrim(buyer_first_name) <> ''");
                    table.CheckConstraint("ck_sales_buyer_last_name_not_blank", "btrim(buyer_last_name) <> ''");
                    table.CheckConstraint("ck_sales_id_document_number_not_blank", "btrim(id_document_number) <> ''");
                    table.CheckConstraint("ck_sales_id_document_type", "id_document_type IN ('NationalIdCard', 'Passport', 'DrivingLicence', 'ResidencePermit')");
                    table.CheckConstraint("ck_sales_issue_after_birth", "id_document_issue_date >= buyer_birth_date");
                    table.CheckConstraint("ck_sales_payment_method", "payment_method IN ('Card', 'Cash', 'Cheque', 'GiftCard', 'Other')");
                    table.CheckConstraint("ck_sales_seller_name_not_blank", "btrim(seller_name) <> ''");
                    table.ForeignKey(
                        name: "fk_sales_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    normalized_user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    store_id = table.Column<int>(type: "integer", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    must_change_password = table.Column<bool>(type: "boolean", nullable: false),
                    security_stamp = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_login_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.CheckConstraint("ck_users_role", "role IN ('Admin', 'Manager', 'Employee')");
                    table.CheckConstraint("ck_users_store_required", "role = 'Admin' OR store_id IS NOT NULL");
                    table.CheckConstraint("ck_users_user_name_not_blank", "btrim(user_name) <> ''");
                    table.ForeignKey(
                        name: "fk_users_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sale_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sale_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    article_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    category = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    ean13 = table.Column<string>(type: "character(13)", fixedLength: true, maxLength: 13, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_lines", x => x.id);
                    table.CheckConstraint("ck_sale_lines_category", "category IN ('F2', 'F3')");
                    table.CheckConstraint("ck_sale_lines_ean13_digits", "ean13 ~ '^[0-9]{13}$'");
                    table.CheckConstraint("ck_sale_lines_quantity_positive", "quantity >= 1");
                    table.ForeignKey(
                        name: "fk_sale_lines_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sale_photos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sale_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    size_bytes = table.Column<int>(type: "integer", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_photos", x => x.id);
                    table.CheckConstraint("ck_sale_photos_kind", "kind IN ('IdFront', 'IdBack', 'Receipt')");
                    table.CheckConstraint("ck_sale_photos_size", "size_bytes > 0 AND size_bytes = octet_length(data)");
                    table.ForeignKey(
                        name: "fk_sale_photos_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_action_occurred_at",
                table: "audit_events",
                columns: new[] { "action", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_at",
                table: "audit_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_login_attempts_client_address_attempted_at",
                table: "login_attempts",
                columns: new[] { "client_address", "attempted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_login_attempts_normalized_user_name_attempted_at",
                table: "login_attempts",
                columns: new[] { "normalized_user_name", "attempted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sale_lines_ean13",
                table: "sale_lines",
                column: "ean13");

            migrationBuilder.CreateIndex(
                name: "ix_sale_lines_sale_id_position",
                table: "sale_lines",
                columns: new[] { "sale_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sale_photos_sale_id_kind",
                table: "sale_photos",
                columns: new[] { "sale_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_buyer_last_name_buyer_first_name",
                table: "sales",
                columns: new[] { "buyer_last_name", "buyer_first_name" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_id_document_number",
                table: "sales",
                column: "id_document_number");

            migrationBuilder.CreateIndex(
                name: "ix_sales_search_text",
                table: "sales",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_sold_at",
                table: "sales",
                column: "sold_at");

            migrationBuilder.CreateIndex(
                name: "ix_sales_store_id_sold_at",
                table: "sales",
                columns: new[] { "store_id", "sold_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stores_name",
                table: "stores",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_normalized_user_name",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_store_id",
                table: "users",
                column: "store_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "login_attempts");

            migrationBuilder.DropTable(
                name: "sale_lines");

            migrationBuilder.DropTable(
                name: "sale_photos");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "sales");

            migrationBuilder.DropTable(
                name: "stores");
        }
    }
}
