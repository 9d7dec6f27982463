using Microsoft.EntityFrameworkCore.Migrations;
using RegisFlow.Domain.Users;

#nullable disable

namespace RegisFlow.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class UserFirstAndLastNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "first_name",
                table: "users",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "last_name",
                table: "users",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // « Jean-Pierre Martin » → Jean-Pierre, Martin; a single word goes to both (see LegacyDisplayName).
            migrationBuilder.Sql(LegacyDisplayName.FillNamesSql("users") + ";");

            migrationBuilder.DropColumn(
                name: "display_name",
                table: "users");

            migrationBuilder.AddCheckConstraint(
                name: "ck_users_names_not_blank",
                table: "users",
                sql: "btrim(first_name) <> '' AND btrim(last_name) <> ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_users_names_not_blank",
                table: "users");

            migrationBuilder.AddColumn<string>(
                name: "display_name",
                table: "users",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("UPDATE users SET display_name = CASE WHEN first_name = last_name THEN last_name ELSE first_name || ' ' || last_name END;");

            migrationBuilder.DropColumn(
                name: "first_name",
                table: "users");

            migrationBuilder.DropColumn(
                name: "last_name",
                table: "users");
        }
    }
}
