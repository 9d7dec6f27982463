using System.Diagnostics;

namespace RegisFlow.Domain.Photos;

/// <summary>
/// iPhones save HEIC, which SkiaSharp cannot decode on Linux: libheif's heif-convert (Debian package
/// libheif-examples) turns it into an upright JPEG first. Null when the tool is not installed.
/// </summary>
public static class HeicConverter
{
    public const string Tool = "/usr/bin/heif-convert";

    public static bool IsAvailable => File.Exists(Tool);

    public static byte[]? ToJpeg(ReadOnlySpan<byte> heic)
    {
        if (!IsAvailable)
        {
            return null;
        }
        var folder = Directory.CreateTempSubdirectory("regisflow-heic-");
        try
        {
            var input = Path.Combine(folder.FullName, "photo.heic");
            var output = Path.Combine(folder.FullName, "photo.jpg");
            File.WriteAllBytes(input, heic.ToArray());
            var start = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-q", "92", input, output })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                return null;
            }
            return process.ExitCode == 0 && File.Exists(output) ? File.ReadAllBytes(output) : null;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
