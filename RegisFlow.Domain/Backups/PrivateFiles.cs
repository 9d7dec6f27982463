using Microsoft.Extensions.Logging;

namespace RegisFlow.Domain.Backups;

/// <summary>
/// Backups and keys are readable by the app's own user only: files 0600, created so from the start (no moment at
/// 0644), in folders 0700.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> 0700, or narrows an existing folder of ours to 0700 (a warning when it cannot).</summary>
    public static void EnsureFolder(string path, ILogger? logger)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FolderMode);
        if ((File.GetUnixFileMode(path) & ~FolderMode) == 0)
        {
            return;
        }
        try
        {
            File.SetUnixFileMode(path, FolderMode);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            logger?.LogWarning("Le dossier {Path} est lisible par d'autres utilisateurs et ne peut pas être restreint : {Error}", path, e.Message);
        }
    }

    /// <summary>A new file, 0600 from its creation; fails if it exists.</summary>
    public static FileStream CreateNew(string path, int bufferSize = 64 * 1024)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        return new FileStream(path, options);
    }

    /// <summary>Narrows an existing file (made by an older version, or copied in) to 0600.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~FileMode) != 0)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
