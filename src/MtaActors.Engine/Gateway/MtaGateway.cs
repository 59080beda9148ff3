using System.Collections.Frozen;
using System.Collections.Immutable;
using Akka.Actor;
using MtaActors.Core.Messages;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Links;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Supervision;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Gateway;

/// <summary>
/// The engine's edge: asks actors with bounded timeouts (the only place that asks), reads counters without asking.
/// A queue that does not answer in time is reported as unresponsive rather than stalling the whole answer.
/// </summary>
public sealed class MtaGateway : IMtaGateway
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(2);

    private readonly EngineReady _engine;
    private readonly MtaCounters _counters;
    private readonly ImmutableArray<DeliverySink> _sinks;
    private readonly FrozenDictionary<string, RegisteredQueue> _queues;

    public MtaGateway(EngineReady engine, MtaCounters counters, ImmutableArray<DeliverySink> sinks, FaultSwitchboard faults, TimeProvider time, TimeSpan defaultExpiry)
    {
        _engine = engine;
        _counters = counters;
        _sinks = sinks;
        Faults = faults;
        Time = time;
        DefaultExpiry = defaultExpiry;
        _queues = engine.Queues.ToFrozenDictionary(q => q.Handle.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>How long a submission may wait for the journal before the caller hears "unavailable".</summary>
    public TimeSpan SubmitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool IsAcceptingMail => true;

    public FaultSwitchboard Faults { get; }

    public TimeProvider Time { get; }

    public TimeSpan DefaultExpiry { get; }

    public async Task<ImmutableArray<string>> SubmitAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await _engine.WorkQueue
                .Ask<SubmitAccepted>(new Submit([.. messages]), SubmitTimeout, cancellationToken)
                .ConfigureAwait(false);
            return accepted.MessageIds;
        }
        catch (AskTimeoutException e)
        {
            throw new MtaUnavailableException($"the work queue did not accept within {SubmitTimeout.TotalSeconds:0} s", e);
        }
    }

    public async Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        var asks = _engine.Queues
            .Select(q => (Name: q.Handle.Name, Id: q.Id, q.Handle.Secured, Kind: q.Handle.Name, Ref: q.Handle.Queue))
            .Prepend((Name: "work-queue", Id: "Q000000", Secured: true, Kind: "work-queue", Ref: _engine.WorkQueue))
            .Select(async q =>
            {
                try
                {
                    return await q.Ref.Ask<QueueStatus>(GetQueueStatus.Instance, StatusTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (AskTimeoutException)
                {
                    return new QueueStatus(q.Id, q.Name, q.Kind, q.Secured, "unresponsive", -1, 0, "did not answer within 2 s");
                }
            });
        return await Task.WhenAll(asks).ConfigureAwait(false);
    }

    public MtaStatistics GetStatistics() => _counters.Snapshot();

    public IReadOnlyList<SiteCounters> GetSites() => [.. _sinks.Select(s => s.Counters)];

    public bool HasQueue(string name) => _queues.ContainsKey(name);
}
