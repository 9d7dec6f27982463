using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain;
using RegisFlow.Domain.Backups;
using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Backups;

internal static class BackupTestSupport
{
    /// <summary>The domain's services on the fixture's database, writing backups to a folder of the test's own (and with another key when given).</summary>
    public static IServiceProvider WithBackupDirectory(this DatabaseFixture fixture, string backupDirectory, BackupKey? key = null) =>
        fixture.BuildServices(services =>
        {
            services.AddSingleton(new RegisFlowOptions { DataDirectory = fixture.DataDirectory, BackupDirectory = backupDirectory });
            if (key is not null)
            {
                services.AddSingleton(key);
            }
        });

    public static string NewBackupDirectory(this DatabaseFixture fixture) =>
        Path.Combine(fixture.DataDirectory, "backups-" + Guid.NewGuid().ToString("N")[..8]);

    public static string[] BackupFiles(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray() : [];
}

/// <summary>Calls back synchronously, on the backup's own thread (Progress&lt;T&gt; would post it elsewhere, later).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
