namespace RegisFlow.Tests.Deployment;

/// <summary>The checkout the tests run from: its scripts and deployment files are what they check.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RegisFlow.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"RegisFlow.sln introuvable au-dessus de {AppContext.BaseDirectory}.");
    }
}
