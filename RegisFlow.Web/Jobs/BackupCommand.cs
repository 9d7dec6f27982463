using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;

namespace RegisFlow.Web.Jobs;

/// <summary>
/// dotnet RegisFlow.Web.dll backup [--Clé=valeur ...]: makes a backup now, like « Sauvegarder maintenant », with the app's
/// own configuration; for the minute before an update, or a system cron.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (await CommandLineHost.BuildAsync(args.Skip(1), output) is not { } builder)
        {
            return 1;
        }
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.InitializeDatabaseAsync();
            var backups = host.Services.GetRequiredService<BackupService>();
            var result = await backups.CreateFromCommandLineAsync();
            await output.WriteLineAsync(
                $"Sauvegarde créée : {Path.Combine(backups.Directory, result.FileName)} ({Size(result.SizeBytes)} ; "
                + string.Join(", ", result.Counts.Select(c => $"{c.Key} {c.Value}")) + ").");
            return 0;
        }
        catch (BackupException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static string Size(long bytes) => bytes < 1024 * 1024 ? $"{bytes / 1024.0:0.#} Ko" : $"{bytes / 1024.0 / 1024.0:0.#} Mo";
}
