using RegisFlow.Domain;
using RegisFlow.Domain.Backups;
using RegisFlow.Domain.Data;

namespace RegisFlow.Web.Jobs;

/// <summary>
/// dotnet RegisFlow.Web.dll restore &lt;fichier&gt; [--yes] [--Clé=valeur ...]: restores a backup with the app's own
/// configuration (same environment variables as the web app), after typing OUI unless --yes is given.
/// </summary>
public static class RestoreCommand
{
    public static async Task<int> RunAsync(string[] args, TextReader? input = null, TextWriter? output = null)
    {
        input ??= Console.In;
        output ??= Console.Out;
        var rest = args.Skip(1).ToList();
        var yes = rest.Remove("--yes");
        var file = rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null)
        {
            await output.WriteLineAsync("Usage : dotnet RegisFlow.Web.dll restore <fichier.rfbak> [--yes]");
            return 2;
        }
        rest.Remove(file);
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"Fichier introuvable : {file}");
            return 2;
        }

        if (await CommandLineHost.BuildAsync(rest, output) is not { } builder)
        {
            return 1;
        }
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.InitializeDatabaseAsync();
            var restore = host.Services.GetRequiredService<RestoreService>();
            await output.WriteLineAsync($"Restauration de {file}");
            await output.WriteLineAsync("TOUTES les données actuelles du registre (magasins, utilisateurs, ventes, photos, journal) seront remplacées.");
            if (!yes)
            {
                await output.WriteAsync("Taper OUI pour confirmer : ");
                if ((await input.ReadLineAsync())?.Trim() != "OUI")
                {
                    await output.WriteLineAsync("Restauration abandonnée : rien n'a été modifié.");
                    return 1;
                }
            }
            var manifest = await restore.RestoreFromCommandLineAsync(file, new Progress<string>(table => output.WriteLine($"  {table}")));
            await output.WriteLineAsync(
                $"Restauration terminée : sauvegarde du {manifest.CreatedAt.ToLocalTime():dd/MM/yyyy HH:mm}, "
                + string.Join(", ", manifest.Counts.Select(c => $"{c.Key} {c.Value}")) + ".");
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
}
