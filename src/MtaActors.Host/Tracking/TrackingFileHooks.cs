using System.Text;
using Serilog.Sinks.File;

namespace MtaActors.Host.Tracking;

/// <summary>
/// What the tracking log does to each file its sink opens, before its first record: makes it owner-only (it names who
/// wrote to whom; the sink creates files with the umask's mode, inside the private tracking folder), and when the
/// file's last line is torn (a kill -9 in the middle of a buffered write), ends that line first, so the first record
/// of this run is a line of its own instead of being glued onto the fragment and lost with it.
/// </summary>
internal sealed class TrackingFileHooks : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(underlyingStream);
        try
        {
            Engine.Hosting.PrivateStorage.Restrict(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Not ours to chmod (another account created it): the private tracking folder still keeps others out, and a
            // hook that throws would lose the whole log.
        }
        if (EndsWithTornLine(path))
        {
            underlyingStream.WriteByte((byte)'\n');
            underlyingStream.Flush();
        }

        return underlyingStream;
    }

    private static bool EndsWithTornLine(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length == 0)
        {
            return false;
        }

        file.Position = file.Length - 1;
        return file.ReadByte() != '\n';
    }
}
