using Npgsql;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// The secondary indexes (the trigram one included) and the foreign keys of the tables a restore reloads: dropped
/// once the tables are emptied, made again once they are filled, in the restore's own transaction. Each index is then
/// built once from sorted rows instead of being updated row by row, and each foreign key is checked by one query
/// instead of one look-up per row. Primary keys and unique constraints stay (other tables' foreign keys rest on them);
/// so does any index a constraint rests on. Names and definitions come back exactly as they were (pg_get_indexdef,
/// pg_get_constraintdef); a failure anywhere rolls all of it back with the data.
/// </summary>
internal sealed class BulkLoad
{
    private readonly List<(string Drop, string Create)> _indexes = [];
    private readonly List<(string Drop, string Create)> _foreignKeys = [];

    private BulkLoad()
    {
    }

    public int IndexCount => _indexes.Count;

    public int ForeignKeyCount => _foreignKeys.Count;

    /// <summary>Reads the definitions on <paramref name="tables"/> (of the current schema), then drops them.</summary>
    public static async Task<BulkLoad> DropAsync(NpgsqlConnection connection, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var load = new BulkLoad();
        await using (var command = new NpgsqlCommand(
            """
            SELECT format('DROP INDEX %I.%I', n.nspname, c.relname), pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY t.relname, c.relname
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            await ReadPairsAsync(command, load._indexes, ct);
        }
        await using (var command = new NpgsqlCommand(
            """
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid))
            FROM pg_constraint k
            JOIN pg_class t ON t.oid = k.conrelid
            WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(@tables)
            ORDER BY t.relname, k.conname
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            await ReadPairsAsync(command, load._foreignKeys, ct);
        }
        foreach (var (drop, _) in load._foreignKeys.Concat(load._indexes))
        {
            await RegisterTables.ExecuteAsync(connection, drop, ct);
        }
        return load;
    }

    /// <summary>Builds the indexes again, then adds the foreign keys back (each checked over the loaded rows).</summary>
    public async Task RecreateAsync(NpgsqlConnection connection, IProgress<string>? progress, CancellationToken ct)
    {
        progress?.Report("reconstruction des index");
        foreach (var (_, create) in _indexes)
        {
            await RegisterTables.ExecuteAsync(connection, create, ct);
        }
        progress?.Report("vérification des clés étrangères");
        foreach (var (_, create) in _foreignKeys)
        {
            await RegisterTables.ExecuteAsync(connection, create, ct);
        }
    }

    private static async Task ReadPairsAsync(NpgsqlCommand command, List<(string, string)> into, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            into.Add((reader.GetString(0), reader.GetString(1)));
        }
    }
}
