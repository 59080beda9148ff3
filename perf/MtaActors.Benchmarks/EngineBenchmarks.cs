using Akka.Actor;
using BenchmarkDotNet.Attributes;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Tests.Common;

namespace MtaActors.Benchmarks;

/// <summary>
/// The whole engine: submit 10,000 messages of 1 KiB in batches of 500 (4 batches in flight), and wait until every
/// one is delivered to its simulated remote site. In-memory journal over non-secured links measures the router
/// and link actors; SQLite with the secured gateway measures durable routing (acceptance, hand-off and secured-queue
/// events all journaled). Also: acceptance alone on SQLite (the 202 of the batch API, without waiting for delivery).
/// </summary>
[WarmupCount(1)]
[IterationCount(3)]
[InvocationCount(1, 1)]
public class EngineBenchmarks
{
    private const int MessageCount = 10_000;
    private const int BatchSize = 500;
    private const int InFlight = 4;

    private TempDirectory? _data;
    private ActorSystem? _system;
    private IMtaGateway? _gateway;
    private Message[][] _batches = [];
    private long _expectedDelivered;

    [Params(JournalKind.Memory, JournalKind.Sqlite)]
    public JournalKind Journal { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _data = new TempDirectory();
        // Non-secured Paris links in memory; the secured gateway (every *@contoso.example goes through imc) on SQLite.
        var secured = Journal == JournalKind.Sqlite;
        var topology = TestTopologies.Small(retry: RetryPolicy.Default, include: l => l.Secured == secured);
        var settings = new MtaEngineSettings { Topology = topology, DataDirectory = _data.Path, Journal = Journal };
        _system = ActorSystem.Create("bench", MtaEngine.Configuration(settings));
        _gateway = MtaEngine.StartAsync(_system, settings, CancellationToken.None).GetAwaiter().GetResult();
        var domain = secured ? "contoso.example" : "par.test";
        _batches = [.. Enumerable.Range(0, MessageCount)
            .Select(i => TestMessages.Create(new MessageDraft { From = "alice@lon.test", To = [$"user{i}@{domain}"], Body = Payload.OneKibibyte }))
            .Chunk(BatchSize)];
        _expectedDelivered = MessageCount;
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _system?.Terminate().Wait(TimeSpan.FromSeconds(30));
        _data?.Dispose();
    }

    /// <summary>Accepted and delivered end to end; the mean divided by 10,000 is the cost of one message.</summary>
    [Benchmark(OperationsPerInvoke = MessageCount)]
    public async Task RouteAndDeliver()
    {
        await SubmitAllAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (_gateway!.GetStatistics().Delivered < _expectedDelivered)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {_gateway.GetStatistics().Delivered} of {_expectedDelivered} delivered");
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Durable acceptance alone: until the last batch is journaled (what the API's 202 waits for).</summary>
    [Benchmark(OperationsPerInvoke = MessageCount)]
    public Task Accept() => SubmitAllAsync();

    private async Task SubmitAllAsync()
    {
        using var slots = new SemaphoreSlim(InFlight);
        var pending = new List<Task>(_batches.Length);
        foreach (var batch in _batches)
        {
            await slots.WaitAsync();
            pending.Add(SubmitAsync(batch, slots));
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMinutes(2));
    }

    private async Task SubmitAsync(Message[] batch, SemaphoreSlim slots)
    {
        try
        {
            await _gateway!.SubmitAsync(batch, CancellationToken.None);
        }
        finally
        {
            slots.Release();
        }
    }
}
