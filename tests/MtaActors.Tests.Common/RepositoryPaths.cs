namespace MtaActors.Tests.Common;

/// <summary>Finds files of this repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Config(string name) => Path.Combine(Root, "config", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MtaActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MtaActors.sln not found above {AppContext.BaseDirectory}");
    }
}
