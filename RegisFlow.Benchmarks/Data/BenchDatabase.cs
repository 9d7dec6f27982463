using Npgsql;
using RegisFlow.Domain.Database;
using RegisFlow.Domain.Photos;

namespace RegisFlow.Benchmarks.Data;

/// <summary>The benchmark's database on its private server: created anew and filled for each run, or reused on request when it still holds the same data.</summary>
internal static class BenchDatabase
{
    public const string Name = "regisflow";

    public static async Task<LoadedDataset> PrepareAsync(PrivatePostgresServer server, BenchOptions options, DatasetSize size, PhotoKey photoKey)
    {
        var connectionString = server.ConnectionString(Name);
        if (options.ReuseData && await ReusableAsync(connectionString, size, photoKey) is { } reused)
        {
            BenchContext.Log("Données de l'exécution précédente réutilisées (--reuse-data).");
            return reused;
        }
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        BenchContext.Log($"Génération de {size.Sales:N0} ventes (+{size.ComparisonSales} du magasin comparé)...");
        return await new DataLoader(connectionString, photoKey, BenchContext.Log).LoadAsync(size, reset: false);
    }

    /// <summary>
    /// The data of a previous run when it has exactly the sales asked for, its photos under the app's photo key (a purge,
    /// other sizes or a new key make it unusable).
    /// </summary>
    private static async Task<LoadedDataset?> ReusableAsync(string connectionString, DatasetSize size, PhotoKey photoKey)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM sales), (SELECT count(*) FROM sale_lines), (SELECT count(*) FROM sale_photos),
                       (SELECT coalesce(sum(size_bytes), 0) FROM sale_photos), (SELECT id FROM stores WHERE name = @comparison),
                       (SELECT count(*) FROM sale_photos WHERE encryption_key_id IS DISTINCT FROM @key)
                """, connection);
            command.Parameters.AddWithValue("comparison", DataLoader.ComparisonStoreName);
            command.Parameters.AddWithValue("key", photoKey.Id);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var expected = size.Sales + size.ComparisonSales;
            if (reader.GetInt64(0) < expected || reader.GetInt64(0) > expected + 50 || reader.GetInt64(5) > 0)
            {
                return null;
            }
            var comparison = reader.IsDBNull(4) ? null : new GeneratedStore(reader.GetInt32(4), DataLoader.ComparisonStoreName, []);
            return new LoadedDataset(size, [], comparison, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), TimeSpan.Zero);
        }
        catch (PostgresException)
        {
            return null;
        }
    }
}
