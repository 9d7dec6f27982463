using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace RegisFlow.Benchmarks.Data;

/// <summary>
/// Binary COPY of entities into their table, with the columns, names and value conversions (enums stored as text...) taken
/// from the app's EF model: a column added to an entity is written without touching this code.
/// </summary>
internal sealed class RowCopy<T> : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _importer;
    private readonly List<(IClrPropertyGetter Getter, ValueConverter? Converter, NpgsqlDbType Type)> _columns;

    private RowCopy(NpgsqlConnection connection, NpgsqlBinaryImporter importer, List<(IClrPropertyGetter, ValueConverter?, NpgsqlDbType)> columns)
    {
        _connection = connection;
        _importer = importer;
        _columns = columns;
    }

    public long Rows { get; private set; }

    public static async Task<RowCopy<T>> OpenAsync(DbContext db, string connectionString, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} n'est pas dans le modèle.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !p.IsShadowProperty())
            .Select(p => (p, TypeOf(p)))
            .ToList();
        var names = string.Join(", ", columns.Select(c => Quote(c.p.GetColumnName(table)!)));
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // Foreign keys are checked by triggers, one call per row: the generator writes parents before children itself.
        await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await replica.ExecuteNonQueryAsync(ct);
        }
        var importer = await connection.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        return new RowCopy<T>(connection, importer, columns.Select(c => (c.p.GetGetter(), c.p.GetTypeMapping().Converter, c.Item2)).ToList());
    }

    /// <summary>Writes one row (synchronously: the generator is CPU-bound and the driver buffers).</summary>
    public void Write(T row)
    {
        _importer.StartRow();
        foreach (var (getter, converter, type) in _columns)
        {
            var value = getter.GetClrValue(row!);
            if (value is not null && converter is not null)
            {
                value = converter.ConvertToProvider(value);
            }
            if (value is null)
            {
                _importer.WriteNull();
            }
            else
            {
                _importer.Write(value, type);
            }
        }
        Rows++;
    }

    public async Task CompleteAsync(CancellationToken ct) => await _importer.CompleteAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _importer.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static NpgsqlDbType TypeOf(IProperty property)
    {
        var provider = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        return (Nullable.GetUnderlyingType(provider) ?? provider) switch
        {
            var t when t == typeof(string) => NpgsqlDbType.Text,
            var t when t == typeof(int) => NpgsqlDbType.Integer,
            var t when t == typeof(long) => NpgsqlDbType.Bigint,
            var t when t == typeof(short) => NpgsqlDbType.Smallint,
            var t when t == typeof(bool) => NpgsqlDbType.Boolean,
            var t when t == typeof(decimal) => NpgsqlDbType.Numeric,
            var t when t == typeof(double) => NpgsqlDbType.Double,
            var t when t == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
            var t when t == typeof(DateOnly) => NpgsqlDbType.Date,
            var t when t == typeof(byte[]) => NpgsqlDbType.Bytea,
            var t when t == typeof(Guid) => NpgsqlDbType.Uuid,
            var t => throw new NotSupportedException($"Type de colonne non prévu par le générateur : {property.Name} ({t.Name})."),
        };
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
