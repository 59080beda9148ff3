namespace MtaActors.Engine.Tests.Delivery;

/// <summary>A fresh folder under the system temp path, deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("mta-delivery-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A sink a failed test left open; the temp folder is cleaned by the system eventually.
        }
    }
}
