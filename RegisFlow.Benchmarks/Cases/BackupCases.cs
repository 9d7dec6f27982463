using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using RegisFlow.Benchmarks.Data;
using RegisFlow.Benchmarks.Report;
using RegisFlow.Benchmarks.Running;

namespace RegisFlow.Benchmarks.Cases;

/// <summary>A backup started from Administration (« Sauvegarder maintenant »), and its restore by the app's command line.</summary>
internal static partial class BackupCases
{
    public static async Task<(IEnumerable<ReportRow> Rows, Samples Time)> BackupAsync(BenchContext bench)
    {
        var databaseMb = await RegisterSizeMbAsync(bench.ConnectionString);
        var files = new List<FileInfo>();
        var peaks = new List<(double Before, double Peak)>();
        var time = await BenchContext.RepeatAsync(bench.Options.HeavyRepeat, Unit.Milliseconds, async _ =>
        {
            await using var context = await bench.Browser.ContextAsync(DataLoader.AdminUserName, DataLoader.Password);
            var page = await context.NewPageAsync();
            await page.OpenAsync("/administration");
            var memory = bench.App.Memory;
            var before = memory.RssMb();
            memory.ResetPeak();
            var watch = Stopwatch.StartNew();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sauvegarder maintenant" }).ClickAsync();
            await page.GetByText(BackupDone()).First.WaitForAsync(new() { Timeout = BrowserSession.Timeout });
            var ms = BenchContext.Ms(watch);
            peaks.Add((before, memory.PeakMb()));
            files.Add(new DirectoryInfo(bench.BackupDirectory).GetFiles("*.rfbak").MaxBy(f => f.LastWriteTimeUtc)!);
            BenchContext.Log($"  sauvegarde : {Units.Format(ms, Unit.Milliseconds)}, {Units.Mb(files[^1].Length):0} MB, RSS {before:0} → {peaks[^1].Peak:0} MB");
            return ms;
        });
        var fileMb = Units.Mb(files[^1].Length);
        var seconds = time.Median / 1000;
        return (
        [
            new ReportRow($"backup, {Units.Count(bench.Dataset.Size.Sales + bench.Dataset.Size.ComparisonSales)} sales + photos", time.Summary(), "keep; report throughput", null,
                $"{databaseMb:0} MB of register tables → {fileMb:0} MB file: {databaseMb / seconds:0} MB/s read, {fileMb / seconds:0} MB/s written (median); "
                + $"app RSS {peaks[^1].Before:0} → peak {peaks.Max(p => p.Peak):0} MB"),
        ], time);
    }

    public static async Task<IEnumerable<ReportRow>> RestoreAsync(BenchContext bench, Samples? backupTime)
    {
        var file = new DirectoryInfo(bench.BackupDirectory).GetFiles("*.rfbak").MaxBy(f => f.LastWriteTimeUtc)
            ?? throw new InvalidOperationException("Aucune sauvegarde à restaurer : lancez aussi le cas « backup ».");
        var peaks = new List<double>();
        var time = await BenchContext.RepeatAsync(bench.Options.HeavyRepeat, Unit.Milliseconds, async _ =>
        {
            var (ms, peak) = await RunRestoreCommandAsync(bench, file.FullName);
            peaks.Add(peak);
            BenchContext.Log($"  restauration : {Units.Format(ms, Unit.Milliseconds)}, pic RSS {peak:0} MB");
            return ms;
        });
        // A restore ends every session (the accounts are now the backup's): the cases after it sign in again.
        bench.Browser.ForgetSignIns();
        var target = backupTime is { Count: > 0 } ? $"≤ the backup time ({backupTime.Format(backupTime.Median)})" : "≤ the backup time";
        return
        [
            new ReportRow("restore of that backup (command line)", time.Summary(), target,
                backupTime is { Count: > 0 } ? time.Median <= backupTime.Median : null,
                $"`dotnet RegisFlow.Web.dll restore {file.Name} --yes` beside the running app (verification included); peak RSS of the command {peaks.Max():0} MB"),
        ];
    }

    private static async Task<(double Ms, double PeakMb)> RunRestoreCommandAsync(BenchContext bench, string file)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { bench.Options.AppDll!, "restore", file, "--yes" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in bench.App.Environment)
        {
            start.Environment[key] = value;
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var memory = new ProcessMemory(process.Id);
        double peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, memory.PeakMb());
            await Task.Delay(100);
        }
        var ms = BenchContext.Ms(watch);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"La restauration a échoué ({process.ExitCode}) : {await output} {await errors}");
        }
        return (ms, peak);
    }

    private static async Task<double> RegisterSizeMbAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'",
            connection);
        return Units.Mb(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("Sauvegarde créée")]
    private static partial Regex BackupDone();
}
