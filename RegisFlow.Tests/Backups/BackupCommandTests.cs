using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Database;
using RegisFlow.Tests.Infrastructure;
using RegisFlow.Web.Jobs;

namespace RegisFlow.Tests.Backups;

/// <summary>« backup » on the server's command line, for the minute before an update.</summary>
public class BackupCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_command_writes_a_backup_that_the_restore_command_takes_back()
    {
        await fixture.ResetAsync();
        await fixture.Services.InitializeDatabaseAsync();
        var directory = fixture.NewBackupDirectory();
        string[] settings = [$"--ConnectionStrings:RegisFlow={fixture.ConnectionString}", $"--RegisFlow:DataDirectory={fixture.DataDirectory}",
            $"--BACKUP_DIR={directory}",
            $"--RegisFlow:Backups:Key={NewKey()}",
            $"--RegisFlow:Photos:Key={NewKey()}"];

        var output = new StringWriter();
        var code = await BackupCommand.RunAsync(["backup", .. settings], output);

        Assert.Equal(0, code);
        var file = Assert.Single(BackupTestSupport.BackupFiles(directory));
        Assert.StartsWith($"Sauvegarde créée : {Path.Combine(directory, file)} (", output.ToString(), StringComparison.Ordinal);
        var restored = new StringWriter();
        Assert.Equal(0, await RestoreCommand.RunAsync(["restore", Path.Combine(directory, file), "--yes", .. settings], new StringReader(""), restored));
        Assert.Contains("Restauration terminée", restored.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_beside_the_running_app_leaves_the_apps_private_postgres_running()
    {
        var root = Path.Combine(TestPostgres.RootDirectory, "beside-" + Guid.NewGuid().ToString("N")[..8]);
        var app = await PrivatePostgresServer.StartAsync(root, null, PrivatePostgresLifetime.DatabaseName, NullLogger.Instance);
        try
        {
            var output = new StringWriter();
            var code = await BackupCommand.RunAsync(["backup", $"--RegisFlow:DataDirectory={root}",
                $"--RegisFlow:Backups:Key={NewKey()}", $"--RegisFlow:Photos:Key={NewKey()}"], output);

            Assert.True(code == 0, output.ToString());
            await using var connection = new NpgsqlConnection(app.ConnectionString(PrivatePostgresLifetime.DatabaseName));
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM stores", connection);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
