using MtaActors.Core.Messages;

namespace MtaActors.Engine.Delivery;

/// <summary>
/// A durable, de-duplicating mailbox store: the local store of this server, or a simulated remote site.
/// Every arrival is appended to a log file under the data folder (group commit: concurrent callers share one write),
/// so counts of losses and duplicates survive a crash of the daemon.
/// </summary>
public sealed class DeliverySink : IAsyncDisposable
{
    private DeliverySink() { }

    public string Name => throw new NotImplementedException("helper C");

    public static Task<DeliverySink> OpenAsync(string name, string path, CancellationToken cancellationToken)
        => throw new NotImplementedException("helper C");

    /// <summary>Records every (message, recipient) of the envelopes; completes once durable; returns how many were duplicates (not delivered again).</summary>
    public Task<int> RecordAsync(IReadOnlyList<Envelope> envelopes, CancellationToken cancellationToken)
        => throw new NotImplementedException("helper C");

    public SiteCounters Counters => throw new NotImplementedException("helper C");

    public ValueTask DisposeAsync() => throw new NotImplementedException("helper C");
}
