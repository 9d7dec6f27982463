using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegisterIntegrityAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "chain_hash",
                table: "sales",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "chain_position",
                table: "sales",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "content_sha256",
                table: "sale_photos",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "chain_heads",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chain_heads", x => x.id);
                    table.CheckConstraint("ck_chain_heads_hash_length", "octet_length(hash) = 32");
                    table.ForeignKey(
                        name: "fk_chain_heads_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sale_tombstones",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sale_id = table.Column<long>(type: "bigint", nullable: false),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    sold_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    chain_position = table.Column<long>(type: "bigint", nullable: true),
                    chain_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_by_user_id = table.Column<int>(type: "integer", nullable: true),
                    removed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_tombstones", x => x.id);
                    table.ForeignKey(
                        name: "fk_sale_tombstones_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_store_id_chain_position",
                table: "sales",
                columns: new[] { "store_id", "chain_position" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_sales_chain",
                table: "sales",
                sql: "(chain_position IS NULL) = (chain_hash IS NULL) AND (chain_hash IS NULL OR octet_length(chain_hash) = 32)");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_store_id_occurred_at",
                table: "audit_events",
                columns: new[] { "store_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_chain_heads_store_id",
                table: "chain_heads",
                column: "store_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sale_tombstones_sale_id",
                table: "sale_tombstones",
                column: "sale_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sale_tombstones_store_id_chain_position",
                table: "sale_tombstones",
                columns: new[] { "store_id", "chain_position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sale_tombstones_store_id_sold_at",
                table: "sale_tombstones",
                columns: new[] { "store_id", "sold_at" });

            // Backfill: the SHA-256 of each stored photo (still the plaintext JPEG here).
            migrationBuilder.Sql("UPDATE sale_photos SET content_sha256 = sha256(data);");

            // The audit trail is append-only: PostgreSQL refuses to change, delete or empty its rows, except the purge erasing
            // a row's personal data (client address, a deletion's typed reason, a user name typed at a failed sign-in).
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        IF NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at AND NEW.action = OLD.action
                            AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id AND NEW.store_id IS NOT DISTINCT FROM OLD.store_id
                            AND NEW.target_type IS NOT DISTINCT FROM OLD.target_type AND NEW.target_id IS NOT DISTINCT FROM OLD.target_id
                            AND (NEW.client_address IS NULL OR NEW.client_address = OLD.client_address)
                            AND (NEW.user_name IS NOT DISTINCT FROM OLD.user_name OR (NEW.user_name IS NULL AND OLD.user_id IS NULL))
                            AND (NEW.details IS NOT DISTINCT FROM OLD.details OR NEW.details = OLD.details - 'reason')
                        THEN
                            RETURN NEW;
                        END IF;
                    END IF;
                    RAISE EXCEPTION 'Le journal d''audit ne peut être ni modifié ni effacé (%).', TG_OP
                        USING ERRCODE = 'integrity_constraint_violation';
                END;
                $$;
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                CREATE TRIGGER audit_events_never_emptied BEFORE TRUNCATE ON audit_events
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_events_never_emptied ON audit_events;
                DROP TRIGGER audit_events_append_only ON audit_events;
                DROP FUNCTION audit_events_append_only();
                """);

            migrationBuilder.DropTable(
                name: "chain_heads");

            migrationBuilder.DropTable(
                name: "sale_tombstones");

            migrationBuilder.DropIndex(
                name: "ix_sales_store_id_chain_position",
                table: "sales");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sales_chain",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_store_id_occurred_at",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "chain_hash",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "chain_position",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "content_sha256",
                table: "sale_photos");
        }
    }
}
