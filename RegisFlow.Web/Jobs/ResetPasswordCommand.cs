using RegisFlow.Domain.Data;
using RegisFlow.Domain.Users;

namespace RegisFlow.Web.Jobs;

/// <summary>
/// dotnet RegisFlow.Web.dll reset-password &lt;identifiant&gt; [--Clé=valeur ...]: prints a new temporary password for the
/// account (to change at its next sign-in) and ends its sessions; for an administrator who lost theirs.
/// </summary>
public static class ResetPasswordCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var rest = args.Skip(1).ToList();
        var userName = rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (userName is null)
        {
            await output.WriteLineAsync("Usage : dotnet RegisFlow.Web.dll reset-password <identifiant>");
            return 2;
        }
        rest.Remove(userName);
        if (await CommandLineHost.BuildAsync(rest, output) is not { } builder)
        {
            return 1;
        }
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.InitializeDatabaseAsync();
            var reset = await host.Services.GetRequiredService<AccountRecovery>().ResetPasswordAsync(userName);
            await output.WriteLineAsync($"Mot de passe provisoire de « {reset.UserName} » : {reset.Password}");
            await output.WriteLineAsync("À changer à la prochaine connexion ; les sessions ouvertes de ce compte sont fermées.");
            return 0;
        }
        catch (InvalidInputException e)
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
