using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class HistoryKeysetAndCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sales_sold_at",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_store_id_sold_at",
                table: "sales");

            migrationBuilder.AddColumn<int>(
                name: "line_count",
                table: "sales",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "photo_count",
                table: "sales",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "total_quantity",
                table: "sales",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "sale_hour_counts",
                columns: table => new
                {
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sales = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_hour_counts", x => new { x.store_id, x.hour });
                    table.ForeignKey(
                        name: "fk_sale_hour_counts_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_sold_at_id",
                table: "sales",
                columns: new[] { "sold_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_store_id_sold_at_id",
                table: "sales",
                columns: new[] { "store_id", "sold_at", "id" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_sales_counts_not_negative",
                table: "sales",
                sql: "line_count >= 0 AND total_quantity >= 0 AND photo_count >= 0");

            // Backfill of the stored counts, and of the search text without the seller: it holds the buyer's names, then the seller,
            // each normalised word for word, so the seller's words are cut out by position (the trigram index is rebuilt once after).
            migrationBuilder.Sql("DROP INDEX ix_sales_search_text;");
            migrationBuilder.Sql("""
                UPDATE sales s SET
                    line_count = d.lines,
                    total_quantity = d.quantity,
                    photo_count = d.photos,
                    search_text = CASE WHEN cardinality(d.words) > d.buyer_words + d.seller_words
                        THEN array_to_string(d.words[1:d.buyer_words] || d.words[d.buyer_words + d.seller_words + 1:], ' ')
                        ELSE s.search_text END
                FROM (
                    SELECT x.id,
                           coalesce(l.lines, 0) AS lines, coalesce(l.quantity, 0) AS quantity, coalesce(p.photos, 0) AS photos,
                           string_to_array(x.search_text, ' ') AS words,
                           cardinality(regexp_split_to_array(btrim(x.buyer_last_name || ' ' || x.buyer_first_names), '\s+')) AS buyer_words,
                           cardinality(regexp_split_to_array(btrim(x.seller_name), '\s+')) AS seller_words
                    FROM sales x
                    LEFT JOIN (SELECT sale_id, count(*)::int AS lines, sum(quantity)::int AS quantity FROM sale_lines GROUP BY sale_id) l ON l.sale_id = x.id
                    LEFT JOIN (SELECT sale_id, count(*)::int AS photos FROM sale_photos GROUP BY sale_id) p ON p.sale_id = x.id
                ) d
                WHERE d.id = s.id;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_sales_search_text ON sales USING gin (search_text gin_trgm_ops);");

            // The hour counts: filled from the register, then kept by triggers that also fire during bulk loads (ENABLE ALWAYS).
            migrationBuilder.Sql("""
                CREATE FUNCTION sale_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$;

                INSERT INTO sale_hour_counts (store_id, hour, sales)
                SELECT store_id, sale_hour(sold_at), count(*) FROM sales GROUP BY 1, 2;

                CREATE FUNCTION sale_hour_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO sale_hour_counts AS c (store_id, hour, sales)
                    SELECT store_id, sale_hour(sold_at), count(*) FROM added_sales GROUP BY 1, 2 ORDER BY 1, 2
                    ON CONFLICT (store_id, hour) DO UPDATE SET sales = c.sales + excluded.sales;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION sale_hour_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE sale_hour_counts c SET sales = c.sales - r.sales
                    FROM (SELECT store_id, sale_hour(sold_at) AS hour, count(*) AS sales FROM removed_sales GROUP BY 1, 2) r
                    WHERE c.store_id = r.store_id AND c.hour = r.hour;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION sale_hour_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE sale_hour_counts SET sales = sales - 1 WHERE store_id = OLD.store_id AND hour = sale_hour(OLD.sold_at);
                    INSERT INTO sale_hour_counts AS c (store_id, hour, sales) VALUES (NEW.store_id, sale_hour(NEW.sold_at), 1)
                    ON CONFLICT (store_id, hour) DO UPDATE SET sales = c.sales + 1;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION sale_hour_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM sale_hour_counts;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER sales_hour_counts_add AFTER INSERT ON sales
                    REFERENCING NEW TABLE AS added_sales FOR EACH STATEMENT EXECUTE FUNCTION sale_hour_counts_add();
                CREATE TRIGGER sales_hour_counts_remove AFTER DELETE ON sales
                    REFERENCING OLD TABLE AS removed_sales FOR EACH STATEMENT EXECUTE FUNCTION sale_hour_counts_remove();
                CREATE TRIGGER sales_hour_counts_move AFTER UPDATE OF store_id, sold_at ON sales FOR EACH ROW
                    WHEN (OLD.store_id IS DISTINCT FROM NEW.store_id OR OLD.sold_at IS DISTINCT FROM NEW.sold_at)
                    EXECUTE FUNCTION sale_hour_counts_move();
                CREATE TRIGGER sales_hour_counts_clear AFTER TRUNCATE ON sales FOR EACH STATEMENT EXECUTE FUNCTION sale_hour_counts_clear();
                ALTER TABLE sales ENABLE ALWAYS TRIGGER sales_hour_counts_add;
                ALTER TABLE sales ENABLE ALWAYS TRIGGER sales_hour_counts_remove;
                ALTER TABLE sales ENABLE ALWAYS TRIGGER sales_hour_counts_move;
                ALTER TABLE sales ENABLE ALWAYS TRIGGER sales_hour_counts_clear;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sales_hour_counts_add ON sales;
                DROP TRIGGER sales_hour_counts_remove ON sales;
                DROP TRIGGER sales_hour_counts_move ON sales;
                DROP TRIGGER sales_hour_counts_clear ON sales;
                DROP FUNCTION sale_hour_counts_add();
                DROP FUNCTION sale_hour_counts_remove();
                DROP FUNCTION sale_hour_counts_move();
                DROP FUNCTION sale_hour_counts_clear();
                DROP FUNCTION sale_hour(timestamptz);
                """);

            migrationBuilder.DropTable(
                name: "sale_hour_counts");

            migrationBuilder.DropIndex(
                name: "ix_sales_sold_at_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_store_id_sold_at_id",
                table: "sales");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sales_counts_not_negative",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "line_count",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "photo_count",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "total_quantity",
                table: "sales");

            migrationBuilder.CreateIndex(
                name: "ix_sales_sold_at",
                table: "sales",
                column: "sold_at");

            migrationBuilder.CreateIndex(
                name: "ix_sales_store_id_sold_at",
                table: "sales",
                columns: new[] { "store_id", "sold_at" });
        }
    }
}
