using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Backups;
using RegisFlow.Tests.Infrastructure;
using static RegisFlow.Tests.Backups.RegisterData;

namespace RegisFlow.Tests.Backups;

/// <summary>Backups and keys readable by the app's user only; a backup of another key is told apart, and refused on upload at its header.</summary>
public class BackupPrivacyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    [Fact]
    public async Task Backups_are_written_0600_in_a_0700_folder_even_one_that_was_open_to_others()
    {
        var directory = fixture.NewBackupDirectory();
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, PrivateFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await using var services = (ServiceProvider)fixture.WithBackupDirectory(directory);

        var backup = await services.GetRequiredService<BackupService>().CreateAsync(Admin);

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(directory));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(directory, backup.FileName)));
    }

    [Fact]
    public void A_generated_key_is_0600_in_a_0700_keys_folder_and_an_older_one_is_kept_where_it_is_but_narrowed()
    {
        var data = Directory.CreateTempSubdirectory("regisflow-key-").FullName;
        var old = Directory.CreateTempSubdirectory("regisflow-key-").FullName;
        try
        {
            var key = BackupKey.LoadOrCreate(data, null);
            Assert.Equal(Path.Combine(data, "keys", BackupKey.GeneratedKeyFileName), key.GeneratedFile);
            Assert.Equal(Private, File.GetUnixFileMode(key.GeneratedFile!));
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(data, "keys")));
            Assert.Equal(key.Id, BackupKey.LoadOrCreate(data, null).Id);

            var legacy = Path.Combine(old, BackupKey.GeneratedKeyFileName);
            File.WriteAllText(legacy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            File.SetUnixFileMode(legacy, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Assert.Equal(legacy, BackupKey.LoadOrCreate(old, null).GeneratedFile);
            Assert.Equal(Private, File.GetUnixFileMode(legacy));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(old, recursive: true);
        }
    }

    [Fact]
    public async Task Each_backup_in_the_list_says_whether_the_configured_key_opens_it()
    {
        var directory = fixture.NewBackupDirectory();
        await using var ours = (ServiceProvider)fixture.WithBackupDirectory(directory);
        await using var theirs = (ServiceProvider)fixture.WithBackupDirectory(directory, new BackupKey(RandomNumberGenerator.GetBytes(32)));
        var mine = await ours.GetRequiredService<BackupService>().CreateAsync(Admin);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var other = await theirs.GetRequiredService<BackupService>().CreateAsync(Admin);
        File.WriteAllText(Path.Combine(directory, "regisflow-20200101-000000.rfbak"), "pas une sauvegarde");

        var list = ours.GetRequiredService<BackupService>().List(Admin).ToDictionary(f => f.FileName, f => f.Key);

        Assert.Equal(BackupKeyMatch.CurrentKey, list[mine.FileName]);
        Assert.Equal(BackupKeyMatch.OtherKey, list[other.FileName]);
        Assert.Equal(BackupKeyMatch.Unreadable, list["regisflow-20200101-000000.rfbak"]);
    }

    [Fact]
    public async Task An_upload_made_with_another_key_or_not_a_backup_is_refused_once_its_first_bytes_arrive_and_leaves_nothing()
    {
        var directory = fixture.NewBackupDirectory();
        await using var ours = (ServiceProvider)fixture.WithBackupDirectory(directory);
        var otherDirectory = fixture.NewBackupDirectory();
        await using var theirs = (ServiceProvider)fixture.WithBackupDirectory(otherDirectory, new BackupKey(RandomNumberGenerator.GetBytes(32)));
        var foreign = await theirs.GetRequiredService<BackupService>().CreateAsync(Admin);
        // The backup, then 8 MB more, as a big season's backup would be: the upload must stop long before its end.
        byte[] big = [.. await File.ReadAllBytesAsync(Path.Combine(otherDirectory, foreign.FileName)), .. new byte[8 << 20]];
        var backups = ours.GetRequiredService<BackupService>();

        var foreignUpload = new CountingStream(big);
        var refused = await Assert.ThrowsAsync<InvalidBackupException>(() => backups.ReceiveUploadAsync(Admin, foreignUpload));
        var junkUpload = new CountingStream(new byte[8 << 20]);
        var notABackup = await Assert.ThrowsAsync<InvalidBackupException>(() => backups.ReceiveUploadAsync(Admin, junkUpload));

        Assert.Contains("autre clé", refused.Message, StringComparison.Ordinal);
        Assert.Contains(backups.KeyId, refused.Message, StringComparison.Ordinal);
        Assert.Equal("Ce fichier n'est pas une sauvegarde RegisFlow (.rfbak).", notABackup.Message);
        Assert.All([foreignUpload, junkUpload], u => Assert.True(u.BytesRead <= 64 * 1024, $"{u.BytesRead} octets lus"));
        Assert.Empty(BackupTestSupport.BackupFiles(directory));
    }

    [Fact]
    public async Task An_upload_with_the_configured_key_is_received_whole_and_0600()
    {
        var directory = fixture.NewBackupDirectory();
        await using var services = (ServiceProvider)fixture.WithBackupDirectory(directory);
        var backups = services.GetRequiredService<BackupService>();
        var backup = await backups.CreateAsync(Admin);
        var bytes = await File.ReadAllBytesAsync(backups.StoredPath(backup.FileName));

        var path = await backups.ReceiveUploadAsync(Admin, new CountingStream(bytes));

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(Private, File.GetUnixFileMode(path));
        await services.GetRequiredService<RestoreService>().VerifyAsync(Admin, path);
        File.Delete(path);
    }

    /// <summary>An upload in small pieces (as a browser sends it) that counts what was read from it.</summary>
    private sealed class CountingStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 32 * 1024)], cancellationToken);
            BytesRead += read;
            return read;
        }
    }
}
