namespace MtaActors.Core.Tests.Topology;

/// <summary>Finds files of the repository (such as the sample topology) from wherever the test assembly runs.</summary>
internal static class RepositoryFiles
{
    public static string Find(string relativePath)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MtaActors.sln")))
            {
                return Path.Combine(folder.FullName, relativePath);
            }
        }

        throw new InvalidOperationException($"MtaActors.sln not found above {AppContext.BaseDirectory}");
    }
}
