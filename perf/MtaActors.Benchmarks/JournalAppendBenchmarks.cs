using Akka.Actor;
using Akka.Persistence;
using BenchmarkDotNet.Attributes;
using MtaActors.Tests.Common;

namespace MtaActors.Benchmarks;

/// <summary>
/// The SQLite journal alone (Akka.Persistence.Sql, provider SQLite.MS, a real file): 10 persistent actors each
/// append 1,000 events of 1 KiB, in groups of <see cref="GroupSize"/> per <c>PersistAll</c>. The floor under every
/// durable figure of the engine: acceptance and secured hand-offs cannot journal faster than this.
/// </summary>
[WarmupCount(1)]
[IterationCount(3)]
[InvocationCount(1, 1)]
public class JournalAppendBenchmarks
{
    private const int Writers = 10;
    private const int EventsPerWriter = 1_000;

    private TempDirectory? _data;
    private ActorSystem? _system;
    private int _run;

    [Params(1, 50)]
    public int GroupSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new TempDirectory();
        _system = ActorSystem.Create("bench", AkkaConfigs.Sqlite(_data.File("journal.db")));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _system?.Terminate().Wait(TimeSpan.FromSeconds(30));
        _data?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Writers * EventsPerWriter)]
    public async Task Append()
    {
        var run = Interlocked.Increment(ref _run);
        var writers = Enumerable.Range(0, Writers).Select(async w =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var actor = _system!.ActorOf(Props.Create(() => new Appender($"bench-{run}-{w}", EventsPerWriter, GroupSize, done)));
            await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
            _system.Stop(actor);
        });
        await Task.WhenAll(writers);
    }

    /// <summary>Persists its events group by group, each group after the previous one is written.</summary>
    private sealed class Appender : ReceivePersistentActor
    {
        private static readonly byte[] Event = new byte[1024];

        public Appender(string persistenceId, int count, int groupSize, TaskCompletionSource done)
        {
            PersistenceId = persistenceId;
            var written = 0;
            Recover<byte[]>(_ => { });
            Command<Next>(_ =>
            {
                var group = Enumerable.Repeat(Event, Math.Min(groupSize, count - written)).ToArray();
                var left = group.Length;
                PersistAll(group, _ =>
                {
                    written++;
                    if (--left > 0)
                    {
                        return;
                    }

                    if (written >= count)
                    {
                        done.TrySetResult();
                    }
                    else
                    {
                        Self.Tell(Next.Instance);
                    }
                });
            });
        }

        public override string PersistenceId { get; }

        protected override void OnReplaySuccess() => Self.Tell(Next.Instance);
    }

    private sealed record Next
    {
        public static readonly Next Instance = new();
    }
}
