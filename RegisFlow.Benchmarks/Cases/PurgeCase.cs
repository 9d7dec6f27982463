using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using RegisFlow.Benchmarks.Data;
using RegisFlow.Benchmarks.Report;
using RegisFlow.Benchmarks.Running;

namespace RegisFlow.Benchmarks.Cases;

/// <summary>
/// The purge of the expired sales, started from Administration, while a probe watches the table: the longest transaction
/// holding a lock on <c>sales</c>, and how long a seller's save would wait for its lock on the table. Runs once: it deletes the data.
/// </summary>
internal static partial class PurgeCase
{
    public static async Task<IEnumerable<ReportRow>> RunAsync(BenchContext bench)
    {
        await using var context = await bench.Browser.ContextAsync(DataLoader.AdminUserName, DataLoader.Password);
        var page = await context.NewPageAsync();
        await page.OpenAsync("/administration");
        using var stop = new CancellationTokenSource();
        var holds = ProbeAsync(bench.ConnectionString, LongestHoldSql, 20, stop.Token);
        var waits = ProbeAsync(bench.ConnectionString, WriterLockSql, 100, stop.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lancer la purge" }).ClickAsync();
        var watch = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Purger", Exact = true }).ClickAsync();
        var done = page.GetByText(PurgeDone()).First;
        await done.WaitForAsync(new() { Timeout = BrowserSession.Timeout });
        var ms = BenchContext.Ms(watch);
        var message = await done.InnerTextAsync();
        await stop.CancelAsync();
        var (longestHold, waitMax) = (await holds, await waits);
        BenchContext.Log($"  purge : {Units.Format(ms, Unit.Milliseconds)} ({message}), verrou le plus long {longestHold:0} ms, attente d'écriture max {waitMax:0} ms");
        return
        [
            new ReportRow($"purge of {Units.Count(bench.Dataset.Size.ExpiredSales)} expired sales", Units.Format(ms, Unit.Milliseconds) + " (1 run)",
                "no long lock on `sales`", longestHold < 1000,
                $"{message.Trim()}; longest transaction holding a lock on `sales`: {longestHold:0} ms; "
                + $"a seller's write lock on `sales` waited at most {waitMax:0} ms (probe every 100 ms)"),
        ];
    }

    /// <summary>Age of the oldest transaction (other than the probe) holding a granted lock on sales, in ms.</summary>
    private const string LongestHoldSql = """
        SELECT coalesce(max(extract(epoch FROM clock_timestamp() - a.xact_start)) * 1000, 0)::float8
        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.relation = 'sales'::regclass AND l.granted AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
        """;

    /// <summary>Takes the lock an INSERT into sales takes, then lets it go: how long a seller would wait.</summary>
    private const string WriterLockSql = "BEGIN; LOCK TABLE sales IN ROW EXCLUSIVE MODE; ROLLBACK; SELECT 0::float8";

    private static async Task<double> ProbeAsync(string connectionString, string sql, int everyMs, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        double max = 0;
        var timesLock = sql == WriterLockSql;
        while (!ct.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, connection);
            var value = (double)(await command.ExecuteScalarAsync(CancellationToken.None))!;
            max = Math.Max(max, timesLock ? BenchContext.Ms(watch) : value);
            try
            {
                await Task.Delay(everyMs, ct);
            }
            catch (TaskCanceledException)
            {
                break;
            }
        }
        return max;
    }

    [GeneratedRegex(@"Purge terminée")]
    private static partial Regex PurgeDone();
}
