namespace MtaActors.Tests.Common;

/// <summary>
/// A fresh folder under the system temp folder, deleted on dispose. Private (0700) on Unix, as a daemon's data folder
/// should be: a daemon given it as <c>--data</c> has no cause to warn about its mode.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "mta-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
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
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS eventually.
        }
    }
}
