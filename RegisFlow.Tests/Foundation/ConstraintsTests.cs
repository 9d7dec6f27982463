using Npgsql;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Foundation;

/// <summary>The database itself refuses what the register must never hold, whatever code writes to it.</summary>
public class ConstraintsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string ValidSale = """
        INSERT INTO sales (store_id, sold_at, seller_name, buyer_last_name, buyer_first_names, buyer_birth_date, buyer_birth_place,
                           buyer_address, payment_method, id_document_type, id_document_number, id_document_authority,
                           id_document_issue_date, search_text, created_at)
        SELECT id, now(), 'Vendeur', 'Dupont', 'Jean', '1980-01-01', 'Lyon', '1 rue de la Paix', 'Cash', 'Passport', 'AB123', 'Préfecture',
               '2020-01-01', '', now()
        FROM stores LIMIT 1 RETURNING id
        """;

    private async Task<long> InsertSaleAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ValidSale, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task InsertLineAsync(long saleId, string category, int quantity, string reference, string kind = "Ean13") =>
        TestPostgres.ExecuteAsync(fixture.DatabaseName,
            $"INSERT INTO sale_lines (sale_id, position, article_type, category, quantity, reference, reference_kind) "
            + $"VALUES ({saleId}, {Random.Shared.Next(1000)}, 'Rocket', '{category}', {quantity}, '{reference}', '{kind}')");

    [Theory]
    [InlineData("4006381333931", "Ean13")]
    [InlineData("96385074", "Ean8")]
    [InlineData("PET-ROUGE-12", "Shop")]
    public async Task A_valid_line_is_accepted(string reference, string kind)
    {
        var saleId = await InsertSaleAsync();
        await InsertLineAsync(saleId, "F3", 2, reference, kind);
    }

    [Theory]
    [InlineData("F4", 1, "4006381333931", "ck_sale_lines_category")]
    [InlineData("F2", 0, "4006381333931", "ck_sale_lines_quantity_positive")]
    [InlineData("F2", 1, "40063813339AB", "ck_sale_lines_reference_format")]
    [InlineData("F2", 1, "4006381333931", "ck_sale_lines_reference_format", "Ean8")]
    [InlineData("F2", 1, "  ", "ck_sale_lines_reference_format", "Shop")]
    [InlineData("F2", 1, "9782070612758", "ck_sale_lines_reference_format", "Isbn")]
    public async Task A_line_breaking_the_register_rules_is_refused(string category, int quantity, string reference, string constraint, string kind = "Ean13")
    {
        var saleId = await InsertSaleAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertLineAsync(saleId, category, quantity, reference, kind));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(constraint, error.ConstraintName);
    }

    [Theory]
    [InlineData("buyer_last_name", "NULL", PostgresErrorCodes.NotNullViolation)]
    [InlineData("id_document_number", "NULL", PostgresErrorCodes.NotNullViolation)]
    [InlineData("buyer_birth_date", "NULL", PostgresErrorCodes.NotNullViolation)]
    [InlineData("buyer_first_names", "'   '", PostgresErrorCodes.CheckViolation)]
    [InlineData("id_document_authority", "NULL", PostgresErrorCodes.NotNullViolation)]
    [InlineData("id_document_authority", "' '", PostgresErrorCodes.CheckViolation)]
    [InlineData("payment_method", "'Bitcoin'", PostgresErrorCodes.CheckViolation)]
    public async Task A_sale_missing_a_mandatory_field_is_refused(string column, string value, string sqlState)
    {
        var saleId = await InsertSaleAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            TestPostgres.ExecuteAsync(fixture.DatabaseName, $"UPDATE sales SET {column} = {value} WHERE id = {saleId}"));
        Assert.Equal(sqlState, error.SqlState);
    }

    [Fact]
    public async Task Dates_are_stored_as_real_date_and_timestamptz_columns()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'sales' AND column_name IN ('sold_at', 'buyer_birth_date', 'id_document_issue_date')",
            connection);
        var types = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }
        Assert.Equal("timestamp with time zone", types["sold_at"]);
        Assert.Equal("date", types["buyer_birth_date"]);
        Assert.Equal("date", types["id_document_issue_date"]);
    }
}
