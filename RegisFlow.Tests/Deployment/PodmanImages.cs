using RegisFlow.Tests.Infrastructure;

namespace RegisFlow.Tests.Deployment;

/// <summary>
/// The images the deployment tests run, built once per test run: local stand-ins for the official base images
/// (scripts/podman-local-images.sh, cached on the machine) and the app's image, built from this checkout with the
/// real docker/Dockerfile.
/// </summary>
public static class PodmanImages
{
    private static readonly Lazy<Task<IReadOnlyDictionary<string, string>>> Built = new(BuildAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>One tag per checkout, so that two checkouts on one machine never run each other's build.</summary>
    public static string AppImage { get; } = "localhost/regisflow-test:" + Path.GetFileName(TestPostgres.RootDirectory);

    /// <summary>Image variables for the env file: REGISFLOW_IMAGE, SDK_IMAGE, RUNTIME_IMAGE, POSTGRES_IMAGE, NGINX_IMAGE, PROMETHEUS_IMAGE.</summary>
    public static Task<IReadOnlyDictionary<string, string>> GetAsync() => Built.Value;

    private static async Task<IReadOnlyDictionary<string, string>> BuildAsync()
    {
        var local = await Command.SucceedAsync(Repository.PathOf("scripts/podman-local-images.sh"), [], TimeSpan.FromMinutes(30));
        var images = local.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        images["REGISFLOW_IMAGE"] = AppImage;

        var envFile = Path.Combine(TestPostgres.RootDirectory, "podman-build.env");
        Directory.CreateDirectory(TestPostgres.RootDirectory);
        await File.WriteAllLinesAsync(envFile, images.Select(i => $"{i.Key}={i.Value}"));
        await Command.SucceedAsync(Repository.PathOf("scripts/podman-compose.sh"), [envFile, "build"], TimeSpan.FromMinutes(30));
        return images;
    }
}
