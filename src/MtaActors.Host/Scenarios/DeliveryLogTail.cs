using System.Text;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// Follows the delivery logs under <c>data/sites/</c> (one per simulated site and the local store) and records every
/// new complete line with the time it was read. The logs survive kill -9, so this is the ground truth for loss and
/// duplication; the read time bounds latency from above (resolution: the poll interval).
/// </summary>
public sealed class DeliveryLogTail(string sitesFolder, ScenarioHistory history, Func<double> clock)
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Reads whatever complete lines were appended since the last call. Safe to call from several tasks (the poller and
    /// the drain both do): one reader at a time, or two would record the same lines and invent duplicates.
    /// </summary>
    public void Poll()
    {
        lock (_gate)
        {
            if (!Directory.Exists(sitesFolder))
            {
                return;
            }

            foreach (var path in Directory.EnumerateFiles(sitesFolder, "*.log"))
            {
                ReadNew(path);
            }
        }
    }

    private void ReadNew(string path)
    {
        var site = Path.GetFileNameWithoutExtension(path);
        _offsets.TryGetValue(path, out var offset);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length <= offset)
        {
            return;
        }

        stream.Position = offset;
        var bytes = new byte[stream.Length - offset];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        var lastNewline = Array.LastIndexOf(bytes, (byte)'\n', read - 1);
        if (lastNewline < 0)
        {
            return; // only a torn or unfinished line so far
        }

        var now = clock();
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, lastNewline).Split('\n'))
        {
            var fields = line.Split('\t');
            // Three fields, or four since lines carry the content fingerprint.
            if (fields.Length is 3 or 4 && fields[0] is "D" or "S")
            {
                history.Deliveries.Enqueue(new DeliveryObservation(site, fields[0] == "D", Unescape(fields[1]), Unescape(fields[2]), now));
            }
        }

        _offsets[path] = offset + lastNewline + 1;
    }

    private static string Unescape(string text)
        => text.Contains('\\', StringComparison.Ordinal)
            ? text.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : text;
}
