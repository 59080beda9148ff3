namespace MtaActors.Tests.Common;

/// <summary>Finds files of this repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Config(string name) => Path.Combine(Root, "config", name);

    /// <summary>A path inside the repository, e.g. <c>config/topology.json</c>.</summary>
    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "MtaActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MtaActors.sln not found above {AppContext.BaseDirectory}");
    }
}
