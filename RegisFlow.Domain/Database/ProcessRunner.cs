using System.Diagnostics;

namespace RegisFlow.Domain.Database;

internal sealed record ProcessResult(int ExitCode, string Output);

internal static class ProcessRunner
{
    /// <summary>Runs a program, as <paramref name="runAsUser"/> through runuser when given, and returns its exit code and combined output.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? runAsUser, CancellationToken ct = default)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUser is null)
        {
            startInfo.FileName = fileName;
        }
        else
        {
            startInfo.FileName = "runuser";
            foreach (var a in new[] { "-u", runAsUser, "--", fileName })
            {
                startInfo.ArgumentList.Add(a);
            }
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Impossible de lancer {fileName}.");
        // pg_ctl start leaves the server holding our pipes open; read only until pg_ctl itself exits.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await ReadWithin(stdout) + await ReadWithin(stderr);
        return new ProcessResult(process.ExitCode, output.Trim());
    }

    private static async Task<string> ReadWithin(Task<string> read)
    {
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2)));
        return finished == read ? await read : "";
    }
}
