using MtaActors.Core.Messages;

namespace MtaActors.Host.Bench;

/// <summary>What a benchmark run drives: the actor engine in-process, the synchronous baseline, or a daemon over HTTP.</summary>
internal interface IBenchTarget : IAsyncDisposable
{
    /// <summary>Completes once the target has accepted the batch (durably, when its journal is durable).</summary>
    Task SubmitAsync(IReadOnlyList<Message> batch, CancellationToken cancellationToken);

    /// <summary>The queue lengths now; over HTTP this is also when site counts are read and attributed.</summary>
    Task<QueueSample> SampleAsync(CancellationToken cancellationToken);

    /// <summary>Each link's state (up, retrying, down, suspended) by name; empty when the target has no such notion.</summary>
    Task<IReadOnlyDictionary<string, string>> LinkStatesAsync(CancellationToken cancellationToken);

    Task SetFaultAsync(LinkFault fault, CancellationToken cancellationToken);

    /// <summary>Distinct (message, recipient) pairs the simulated sites recorded since the target started.</summary>
    Task<long> SitesRecordedAsync(CancellationToken cancellationToken);
}
