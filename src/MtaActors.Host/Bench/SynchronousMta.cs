using System.Collections.Immutable;
using System.Threading.Channels;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Transports;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Host.Bench;

/// <summary>
/// The baseline the actor engine is measured against: the Exchange 4.0/5.0 MTA of Q193760. One loop takes the
/// oldest message off one in-memory work queue, routes it with the same rules (<see cref="RoutingPlanner"/>) and
/// transfers it, one message at a time, through the same simulated sites and fault switchboard, waiting for each
/// answer up to the link's transfer timeout. A failed transfer puts the message back at the end of the queue, so
/// every message behind a hung link waits out that link's timeout: the stall the actor engine removes.
/// It has no journal (acceptance is an in-memory enqueue) and no link states.
/// </summary>
internal sealed class SynchronousMta : IBenchTarget
{
    private readonly Channel<Message> _workQueue = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly RoutingPlanner _planner;
    private readonly ImmutableDictionary<string, (ITransport Transport, RetryPolicy Retry)> _links;
    private readonly ImmutableArray<DeliverySink> _sinks;
    private readonly FaultSwitchboard _faults = new();
    private readonly long _sitesAtStart;
    private readonly Task _loop;
    private int _length;

    private SynchronousMta(Topology topology, ImmutableArray<DeliverySink> sinks, IDeliveryObserver observer)
    {
        _planner = new RoutingPlanner(topology);
        _sinks = sinks;
        var byName = sinks.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        _links = topology.Links.ToImmutableDictionary(
            link => link.Name,
            link => ((ITransport)new FaultyTransport(
                new ObservedTransport(new SimulatedRemoteTransport(link.Remote, byName[link.Remote.Name], TimeProvider.System), link.Name, observer),
                link.Name,
                _faults,
                TimeProvider.System), link.Retry),
            StringComparer.Ordinal);
        _sitesAtStart = sinks.Sum(s => s.Counters.Distinct);
        _loop = Task.Run(RunAsync);
    }

    public static async Task<SynchronousMta> StartAsync(Topology topology, string dataDirectory, IDeliveryObserver observer, CancellationToken cancellationToken)
    {
        var sinks = ImmutableArray.CreateBuilder<DeliverySink>();
        foreach (var site in topology.Links.Select(l => l.Remote.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            sinks.Add(await DeliverySink.OpenAsync(site, Path.Combine(dataDirectory, "sites", $"{site}.log"), cancellationToken));
        }

        return new SynchronousMta(topology, sinks.ToImmutable(), observer);
    }

    public Task SubmitAsync(IReadOnlyList<Message> batch, CancellationToken cancellationToken)
    {
        foreach (var message in batch)
        {
            Interlocked.Increment(ref _length);
            _workQueue.Writer.TryWrite(message);
        }

        return Task.CompletedTask;
    }

    public Task<QueueSample> SampleAsync(CancellationToken cancellationToken) => Task.FromResult(new QueueSample(Volatile.Read(ref _length), 0));

    public Task<IReadOnlyDictionary<string, string>> LinkStatesAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public Task SetFaultAsync(LinkFault fault, CancellationToken cancellationToken)
    {
        _faults.Set(fault.Link, fault.Spec);
        return Task.CompletedTask;
    }

    public Task<long> SitesRecordedAsync(CancellationToken cancellationToken)
        => Task.FromResult(_sinks.Sum(s => s.Counters.Distinct) - _sitesAtStart);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _workQueue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var sink in _sinks)
        {
            await sink.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _workQueue.Reader;
        while (await reader.WaitToReadAsync(_stop.Token))
        {
            while (reader.TryRead(out var message))
            {
                Interlocked.Decrement(ref _length);
                var now = DateTimeOffset.UtcNow;
                var plan = _planner.Plan(message, _planner.Expand(message), _ => true, now, 0);
                foreach (var (linkName, recipients) in plan.ByLink)
                {
                    if (!_links.TryGetValue(linkName, out var link))
                    {
                        continue;
                    }

                    var envelope = new Envelope(_planner.Outbound(message, now), recipients);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    timeout.CancelAfter(link.Retry.TransferTimeout(message.Priority));
                    TransferOutcome outcome;
                    try
                    {
                        outcome = await link.Transport.TransferAsync([envelope], timeout.Token);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        outcome = new TransferOutcome.Failure(TransferFailure.Timeout, "no answer within the transfer timeout");
                    }

                    if (outcome is TransferOutcome.Failure)
                    {
                        // Back to the end of the one queue: it will be tried again after everything else.
                        Interlocked.Increment(ref _length);
                        _workQueue.Writer.TryWrite(message with { Recipients = recipients });
                    }
                }
            }
        }
    }
}
