using MtaActors.Engine.Delivery;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// Every line of every delivery log under <c>data/sites/</c>, counted per (message id, recipient): how many times it was
/// delivered (<c>D</c> lines: more than one means a recipient got the message twice) and how many redelivery attempts
/// the far end recognised and suppressed (<c>S</c> lines: the at-least-once hand-off doing its job after a crash).
/// </summary>
internal sealed class DeliveryCount
{
    private readonly Dictionary<(string MessageId, string Recipient), (int Delivered, int Suppressed, string Site)> _counts = [];

    public IReadOnlyDictionary<(string MessageId, string Recipient), (int Delivered, int Suppressed, string Site)> Counts => _counts;

    public int SuppressedTotal { get; private set; }

    public int DeliveredTotal { get; private set; }

    /// <summary>Reads the logs as they are on disk (the daemon may be running or dead); a torn last line is skipped.</summary>
    public static async Task<DeliveryCount> ReadAsync(string dataDirectory)
    {
        var count = new DeliveryCount();
        var folder = Path.Combine(dataDirectory, "sites");
        if (!Directory.Exists(folder))
        {
            return count;
        }

        foreach (var log in Directory.EnumerateFiles(folder, "*.log"))
        {
            var site = Path.GetFileNameWithoutExtension(log);
            await foreach (var entry in DeliverySink.ReadLogAsync(log))
            {
                count.Add(site, entry);
            }
        }

        return count;
    }

    public int DeliveredTo(string messageId, string recipient)
        => _counts.TryGetValue((messageId, recipient), out var counted) ? counted.Delivered : 0;

    private void Add(string site, DeliveryLogEntry entry)
    {
        var key = (entry.MessageId, entry.Recipient);
        var (delivered, suppressed, _) = _counts.GetValueOrDefault(key);
        if (entry.Kind == DeliveryLogKind.Delivered)
        {
            delivered++;
            DeliveredTotal++;
        }
        else
        {
            suppressed++;
            SuppressedTotal++;
        }

        _counts[key] = (delivered, suppressed, site);
    }
}
