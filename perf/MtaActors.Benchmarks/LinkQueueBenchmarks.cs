using System.Collections.Immutable;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using MtaActors.Core.Messages;
using MtaActors.Engine.Links;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Transports;
using MtaActors.Tests.Common;
using Envelope = MtaActors.Core.Messages.Envelope;

namespace MtaActors.Benchmarks;

/// <summary>
/// One link queue delivering envelopes through a transport that succeeds at once: the cost of the queue, its session
/// child and the hand-backs to the work queue. Secured queues journal every step (in-memory journal here, so this is
/// the actor cost, not the disk's).
/// </summary>
[WarmupCount(1)]
[IterationCount(3)]
[InvocationCount(1, 1)]
public class LinkQueueBenchmarks
{
    private const int EnvelopeCount = 10_000;

    private ActorSystem? _system;
    private ImmutableArray<Envelope> _envelopes;
    private int _run;

    [Params(false, true)]
    public bool Secured { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", AkkaConfigs.InMemory());
        _envelopes = [.. Enumerable.Range(0, EnvelopeCount).Select(i => TestMessages.EnvelopeFor(TestMessages.Create(new MessageDraft
        {
            From = "alice@lon.test",
            To = [$"user{i}@par.test"],
            Body = Payload.OneKibibyte,
        })))];
    }

    [GlobalCleanup]
    public void Cleanup() => _system?.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Benchmark(OperationsPerInvoke = EnvelopeCount)]
    public async Task Deliver()
    {
        var counters = new MtaCounters();
        var workQueue = _system!.ActorOf(Props.Create(() => new IgnoringWorkQueue()));
        var link = _system.ActorOf(LinkQueue.Props(
            new LinkQueueSettings
            {
                // A fresh name per run: a secured queue recovers its journal by name.
                Name = $"bench-{Interlocked.Increment(ref _run)}",
                QueueId = "Q000001",
                Kind = Secured ? "smtp-gateway" : "x400",
                Secured = Secured,
                Retry = Core.Topology.RetryPolicy.Default,
                Transport = InstantTransport.Instance,
                Counters = counters,
            },
            workQueue));
        foreach (var chunk in _envelopes.Chunk(500))
        {
            link.Tell(new Enqueue([.. chunk], AckRequested: false));
        }

        // Secured queues keep their deliveries to themselves (journaled, not handed back), so count at the counters.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (counters.Snapshot().Delivered < EnvelopeCount)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {counters.Snapshot().Delivered} of {EnvelopeCount} delivered");
            }

            await Task.Delay(1);
        }

        _system.Stop(link);
        _system.Stop(workQueue);
    }

    /// <summary>Stands in for the work queue, which a link only reports to.</summary>
    private sealed class IgnoringWorkQueue : ReceiveActor
    {
        public IgnoringWorkQueue() => ReceiveAny(_ => { });
    }

    private sealed class InstantTransport : ITransport
    {
        public static readonly InstantTransport Instance = new();

        public Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
            => Task.FromResult<TransferOutcome>(TransferOutcome.Success.Clean);

        public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken)
            => Task.FromResult<TransferOutcome>(TransferOutcome.Success.Clean);
    }
}
