using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Backups;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

public class BackupFileTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Only_the_newest_20_backups_are_kept()
    {
        var directory = fixture.NewBackupDirectory();
        var backups = fixture.WithBackupDirectory(directory).GetRequiredService<BackupService>();
        var names = new List<string>();
        for (var i = 0; i < 22; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            names.Add((await backups.CreateAsync(Admin)).FileName);
        }

        var kept = BackupTestSupport.BackupFiles(directory);
        Assert.All(kept, name => Assert.EndsWith(".rfbak", name, StringComparison.Ordinal));
        Assert.Equal(20, kept.Length);
        Assert.Equal(names.Skip(2).Order(StringComparer.Ordinal), kept);
        Assert.Equal(names.Skip(2).Reverse(), backups.List(Admin).Select(b => b.FileName));
    }

    [Fact]
    public async Task Backups_made_in_the_same_second_are_all_kept_and_listed_newest_first()
    {
        var directory = fixture.NewBackupDirectory();
        var backups = fixture.WithBackupDirectory(directory).GetRequiredService<BackupService>();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = BackupFileName.For(fixture.Clock.GetUtcNow())[..^".rfbak".Length];

        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add((await backups.CreateAsync(Admin)).FileName);
        }

        Assert.Equal([$"{second}.rfbak", $"{second}-2.rfbak", $"{second}-3.rfbak"], names);
        Assert.Equal(names.AsEnumerable().Reverse(), backups.List(Admin).Select(b => b.FileName));
        Assert.All(names, name => Assert.True(File.Exists(backups.StoredPath(name))));
    }

    [Fact]
    public async Task The_temporary_file_of_a_backup_killed_half_way_is_removed_by_the_next_backup()
    {
        var directory = fixture.NewBackupDirectory();
        Directory.CreateDirectory(directory);
        var leftover = Path.Combine(directory, ".regisflow-20261124-230000.rfbak.0123.tmp");
        await File.WriteAllTextAsync(leftover, "coupure de courant");
        var backups = fixture.WithBackupDirectory(directory).GetRequiredService<BackupService>();

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var backup = await backups.CreateAsync(Admin);

        Assert.Equal([backup.FileName], BackupTestSupport.BackupFiles(directory));
    }

    [Fact]
    public async Task A_backup_that_cannot_be_written_leaves_no_file_and_is_audited_as_failed()
    {
        var notADirectory = Path.Combine(fixture.DataDirectory, "un-fichier");
        await File.WriteAllTextAsync(notADirectory, "pas un dossier");
        var backups = fixture.WithBackupDirectory(notADirectory).GetRequiredService<BackupService>();

        await Assert.ThrowsAsync<BackupException>(() => backups.CreateAsync(Admin));

        Assert.Empty(backups.ListFiles());
        Assert.Equal(AuditActions.BackupFailed, await LastAuditActionAsync());
    }

    [Fact]
    public async Task A_backup_cancelled_half_way_leaves_no_file_not_even_a_temporary_one()
    {
        await using (var db = await fixture.CreateDbContextAsync())
        {
            await SeedAsync(db, fixture.Clock.GetUtcNow());
        }
        var directory = fixture.NewBackupDirectory();
        var backups = fixture.WithBackupDirectory(directory).GetRequiredService<BackupService>();
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress<string>(table =>
        {
            if (table == "sale_photos")
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backups.CreateAsync(Admin, progress, cancel.Token));

        Assert.Empty(BackupTestSupport.BackupFiles(directory));
        Assert.Equal(AuditActions.BackupFailed, await LastAuditActionAsync());
    }

    [Fact]
    public async Task Two_backups_at_once_one_succeeds_and_the_other_is_refused_in_French()
    {
        var directory = fixture.NewBackupDirectory();
        var first = fixture.WithBackupDirectory(directory).GetRequiredService<BackupService>();
        // A second set of services: as another app instance would, it shares only the database.
        var second = fixture.WithBackupDirectory(directory).GetRequiredService<BackupService>();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holding = new InlineProgress<string>(_ =>
        {
            if (!started.IsSet)
            {
                started.Set();
                release.Wait(TimeSpan.FromMinutes(2));
            }
        });

        var running = Task.Run(() => first.CreateAsync(Admin, holding));
        Assert.True(started.Wait(TimeSpan.FromMinutes(2)), "la première sauvegarde n'a pas démarré");
        var refused = await Assert.ThrowsAsync<JobAlreadyRunningException>(() => second.CreateScheduledAsync());
        release.Set();
        var done = await running;

        Assert.Equal("Une sauvegarde ou une restauration est déjà en cours : réessayez quand elle sera terminée.", refused.Message);
        Assert.Equal([done.FileName], BackupTestSupport.BackupFiles(directory));
    }

    [Fact]
    public void In_production_the_app_refuses_to_start_without_a_backup_key_and_says_how_to_make_one()
    {
        using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RegisFlow"] = fixture.ConnectionString,
            ["RegisFlow:DataDirectory"] = fixture.DataDirectory,
            ["RegisFlow:Jobs:RunServer"] = "false",
            [WebHostDefaults.EnvironmentKey] = "Production",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("openssl rand -base64 32", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("BACKUP_ENCRYPTION_KEY", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> LastAuditActionAsync()
    {
        await using var db = await fixture.CreateDbContextAsync();
        return await db.AuditEvents.OrderByDescending(a => a.Id).Select(a => a.Action).FirstAsync();
    }
}
