using Npgsql;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// The tables a backup holds, in an order that satisfies their foreign keys when copied back. A table added later is simply
/// absent from older backups: a restore empties it and expects no row of it (the manifest counts none).
/// </summary>
internal static class RegisterTables
{
    public static readonly IReadOnlyList<string> All =
        ["stores", "users", "sales", "sale_lines", "sale_photos", "sale_tombstones", "chain_heads", "audit_events", "login_attempts",
            "suspicious_attempts", "catalogue_articles"];

    /// <summary>Append-only (the database refuses to update or empty it): a restore adds the backup's rows it lacks.</summary>
    public const string AuditTable = "audit_events";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(Quote));

    /// <summary>The table's stored columns, in table order (generated columns excluded: COPY cannot write them).</summary>
    public static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """, connection);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Quote(table)}", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
