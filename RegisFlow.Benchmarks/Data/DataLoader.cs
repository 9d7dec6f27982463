using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RegisFlow.Domain;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Integrity;
using RegisFlow.Domain.Photos;
using RegisFlow.Domain.Sales;
using RegisFlow.Domain.Stores;
using RegisFlow.Domain.Users;

namespace RegisFlow.Benchmarks.Data;

/// <summary>How much data to generate.</summary>
/// <param name="Sales">Sales of the chain's stores, over 24 months.</param>
/// <param name="PhotoSales">The newest of them that carry their three photos.</param>
/// <param name="ExpiredSales">How many are older than the retention period (what the purge removes).</param>
/// <param name="ComparisonSales">Sales of a separate store, each with three photos: the case run against the original app too.</param>
internal sealed record DatasetSize(int Sales, int PhotoSales, int ExpiredSales, int ComparisonSales);

internal sealed record LoadedDataset(
    DatasetSize Size, IReadOnlyList<GeneratedStore> Stores, GeneratedStore? ComparisonStore, long SaleLines, long Photos, long PhotoBytes, TimeSpan Elapsed)
{
    public string Describe() =>
        string.Create(CultureInfo.GetCultureInfo("en-US"), $"{Size.Sales + Size.ComparisonSales:N0} sales, {SaleLines:N0} lines, {Photos:N0} photos ")
        + string.Create(CultureInfo.InvariantCulture, $"({PhotoBytes / (1024.0 * 1024 * 1024):0.00} GB, {(Photos == 0 ? 0 : PhotoBytes / Photos / 1024):0} KB each)")
        + (Elapsed == TimeSpan.Zero ? ", reused from a previous run" : string.Create(CultureInfo.InvariantCulture, $", generated in {Elapsed.TotalSeconds:0} s"));
}

/// <summary>
/// Fills a database with generated data: the app's migrations, stores and accounts through EF, then the sales, their lines
/// and photos by binary COPY with the secondary indexes dropped and rebuilt afterwards. Photos are encrypted with the
/// photo key of the app that will read the database, as the app stores them.
/// </summary>
internal sealed class DataLoader(string connectionString, PhotoKey photoKey, Action<string> log)
{
    public const string AdminUserName = "bench-admin";
    public const string ComparisonManagerUserName = "responsable-comparaison";
    public const string ComparisonStoreName = "Magasin comparaison";
    public const string Password = "Benchmark-RegisFlow-2026";
    public const int Seed = 20261201;

    private static readonly string[] RegisterTables = ["sales", "sale_lines", "sale_photos"];

    public static string EmployeeUserName(int storeIndex) => $"vendeur-{storeIndex + 1}-1";

    public async Task<LoadedDataset> LoadAsync(DatasetSize size, bool reset, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var options = new RegisFlowOptions();
        await using var db = new RegisFlowDbContext(new DbContextOptionsBuilder<RegisFlowDbContext>()
            .UseNpgsql(connectionString, o => o.CommandTimeout(0)).UseSnakeCaseNamingConvention().Options);
        if (reset)
        {
            await ExecuteAsync("DROP SCHEMA IF EXISTS hangfire CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;", ct);
        }
        await db.Database.MigrateAsync(ct);
        if (await db.Sales.AnyAsync(ct))
        {
            throw new InvalidOperationException("La base contient déjà des ventes : le générateur remplit une base vide (option --reset pour la vider).");
        }

        var now = DateTimeOffset.UtcNow;
        var (stores, comparison) = await AddStoresAndAccountsAsync(db, size.ComparisonSales > 0, now, ct);
        log($"Magasins et comptes créés ({stores.Count} magasins, mot de passe des comptes : {Password}).");

        var photos = new PhotoPool(Seed);
        log($"Photos : {photos.AverageBytes / 1024:0} Ko en moyenne.");
        var indexes = await DropIndexesAsync(ct);
        var generator = new SaleGenerator(Seed, photos, photoKey, new SaleValidator(new SalesOptions()), options.Zone);
        var (lines, photoCount, photoBytes) = await CopySalesAsync(db, generator, size, stores, comparison, options, now, ct);
        log($"Ventes copiées en {clock.Elapsed.TotalSeconds:0} s ; reconstruction de {indexes.Count} index...");
        foreach (var definition in indexes)
        {
            await ExecuteAsync(definition, ct);
        }
        foreach (var table in RegisterTables)
        {
            await ExecuteAsync($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))", ct);
        }
        await ExecuteAsync("ANALYZE", ct);
        log($"Données prêtes en {clock.Elapsed.TotalSeconds:0} s.");
        return new LoadedDataset(size, stores, comparison, lines, photoCount, photoBytes, clock.Elapsed);
    }

    private async Task<(long Lines, long Photos, long PhotoBytes)> CopySalesAsync(RegisFlowDbContext db, SaleGenerator generator, DatasetSize size,
        IReadOnlyList<GeneratedStore> stores, GeneratedStore? comparison, RegisFlowOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var random = new Random(Seed);
        var chain = SaleTimes.Generate(size.Sales, size.ExpiredSales, now, options.DataRetentionMonths, options.Zone, random);
        // The comparison store's sales are spread over its last month, among the chain's.
        var comparisonTimes = Enumerable.Range(0, size.ComparisonSales)
            .Select(_ => now.AddMinutes(-10 - random.Next(0, 30 * 24 * 60))).Order().ToArray();
        var photoFrom = chain.Length - size.PhotoSales;
        var cumulativeShares = FrenchData.Stores.Select((s, i) => FrenchData.Stores.Take(i + 1).Sum(x => x.Share)).ToArray();

        // Sales are made on one thread and written on another: the two halves of the work overlap.
        var made = Channel.CreateBounded<Sale>(2000);
        // Each store's chain, built as the sales are made (in number order, as the app chains them).
        var heads = new Dictionary<int, ChainHead>();
        var producer = Task.Run(async () =>
        {
            long saleId = 0;
            var c = 0;
            for (var i = 0; i < chain.Length || c < comparisonTimes.Length;)
            {
                var fromComparison = c < comparisonTimes.Length && (i >= chain.Length || comparisonTimes[c] < chain[i]);
                var soldAt = fromComparison ? comparisonTimes[c] : chain[i];
                var store = fromComparison ? comparison! : stores[StoreIndex(cumulativeShares, random.NextDouble())];
                var sale = generator.Next(soldAt, store, withPhotos: fromComparison || i >= photoFrom, ++saleId);
                sale.Id = saleId;
                if (!heads.TryGetValue(sale.StoreId, out var head))
                {
                    heads[sale.StoreId] = head = new ChainHead { StoreId = sale.StoreId, Hash = SaleSeal.Genesis };
                }
                SaleChain.Seal(head, sale, SaleSeal.PhotosOf(sale), now);
                await made.Writer.WriteAsync(sale, ct);
                (c, i) = fromComparison ? (c + 1, i) : (c, i + 1);
            }
            made.Writer.Complete();
        }, ct);

        await using var sales = await RowCopy<Sale>.OpenAsync(db, connectionString, ct);
        await using var saleLines = await RowCopy<SaleLine>.OpenAsync(db, connectionString, ct);
        await using var salePhotos = await RowCopy<SalePhoto>.OpenAsync(db, connectionString, ct);
        long lineId = 0, photoId = 0, photoBytes = 0;
        await foreach (var sale in made.Reader.ReadAllAsync(ct))
        {
            sales.Write(sale);
            foreach (var line in sale.Lines)
            {
                line.Id = ++lineId;
                line.SaleId = sale.Id;
                saleLines.Write(line);
            }
            foreach (var photo in sale.Photos)
            {
                photo.Id = ++photoId;
                photo.SaleId = sale.Id;
                photoBytes += photo.SizeBytes;
                salePhotos.Write(photo);
            }
            if (sale.Id % 100_000 == 0)
            {
                log($"  {sale.Id.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} ventes...");
            }
        }
        await producer;
        await sales.CompleteAsync(ct);
        await saleLines.CompleteAsync(ct);
        await salePhotos.CompleteAsync(ct);
        db.ChainHeads.AddRange(heads.Values);
        await db.SaveChangesAsync(ct);
        return (lineId, photoId, photoBytes);
    }

    private static int StoreIndex(double[] cumulativeShares, double roll)
    {
        var index = Array.FindIndex(cumulativeShares, share => roll <= share);
        return index < 0 ? cumulativeShares.Length - 1 : index;
    }

    private static async Task<(List<GeneratedStore> Stores, GeneratedStore? Comparison)> AddStoresAndAccountsAsync(
        RegisFlowDbContext db, bool withComparison, DateTimeOffset now, CancellationToken ct)
    {
        db.Users.Add(NewUser(AdminUserName, "Administrateur", "du banc d'essai", UserRole.Admin, null, now));
        var stores = new List<GeneratedStore>();
        for (var s = 0; s < FrenchData.Stores.Length; s++)
        {
            var (name, address, _) = FrenchData.Stores[s];
            var sellers = FrenchData.Sellers[s].Select((display, j) => (UserName: $"vendeur-{s + 1}-{j + 1}", display)).ToList();
            stores.Add(await AddStoreAsync(db, name, address, sellers, $"responsable-{s + 1}", now, ct));
        }
        var comparison = withComparison
            ? await AddStoreAsync(db, ComparisonStoreName, "1 place de la Comparaison, 69001 Lyon",
                [("vendeur-comparaison", "Odile Comparaison")], ComparisonManagerUserName, now, ct)
            : null;
        return (stores, comparison);
    }

    private static async Task<GeneratedStore> AddStoreAsync(RegisFlowDbContext db, string name, string address,
        List<(string UserName, string DisplayName)> sellers, string managerUserName, DateTimeOffset now, CancellationToken ct)
    {
        var store = new Store { Name = name, Address = address, CreatedAt = now.AddYears(-3), UpdatedAt = now.AddYears(-3) };
        db.Stores.Add(store);
        await db.SaveChangesAsync(ct);
        db.Users.Add(NewUser(managerUserName, "Responsable", name, UserRole.Manager, store.Id, now));
        var users = sellers.Select(s => NewUser(s.UserName, s.DisplayName[..s.DisplayName.LastIndexOf(' ')], s.DisplayName[(s.DisplayName.LastIndexOf(' ') + 1)..], UserRole.Employee, store.Id, now)).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync(ct);
        return new GeneratedStore(store.Id, name, users.Select(u => (u.Id, u.DisplayName)).ToList());
    }

    private static User NewUser(string userName, string firstName, string lastName, UserRole role, int? storeId, DateTimeOffset now)
    {
        var user = new User
        {
            UserName = userName,
            NormalizedUserName = User.Normalize(userName),
            FirstName = firstName,
            LastName = lastName,
            Role = role,
            StoreId = storeId,
            PasswordHash = "",
            SecurityStamp = PasswordHashing.NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = PasswordHashing.Hash(user, Password);
        return user;
    }

    /// <summary>Drops the register tables' secondary indexes (keys and unique constraints stay) and returns how to rebuild them.</summary>
    private async Task<List<string>> DropIndexesAsync(CancellationToken ct)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("""
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                WHERE i.schemaname = 'public' AND i.tablename = ANY(@tables)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
                """, connection);
            command.Parameters.AddWithValue("tables", RegisterTables);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in definitions)
        {
            await ExecuteAsync($"DROP INDEX \"{name}\"", ct);
        }
        return definitions.Select(d => d.Definition).ToList();
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
