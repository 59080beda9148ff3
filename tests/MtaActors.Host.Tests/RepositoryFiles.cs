namespace MtaActors.Host.Tests;

/// <summary>Finds files of the repository (the sample topology, the shipped settings) from the test's output folder.</summary>
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

        throw new FileNotFoundException($"no MtaActors.sln above {AppContext.BaseDirectory}");
    }
}
