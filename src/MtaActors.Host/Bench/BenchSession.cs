using MtaActors.Core.Topology;

namespace MtaActors.Host.Bench;

/// <summary>
/// Runs what <c>mta bench</c> was asked for: an optional warm-up, then one run, or <c>--repeat</c> pairs of runs
/// (no fault, then with the faults) per engine. Every run starts its target afresh in a folder of its own (under
/// <c>--data</c>, else a temporary folder removed afterwards), so no run inherits another's queues or journal.
/// </summary>
internal sealed class BenchSession(BenchOptions options, Topology topology, Action<RunProgress>? progress)
{
    private readonly string _runTag = Guid.NewGuid().ToString("N")[..8];
    private int _runs;

    private string TemporaryRoot => Path.Combine(Path.GetTempPath(), $"mta-bench-{_runTag}");

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var metrics = options.Metrics ? new MetricsListening() : null;
            return await RunAllAsync(cancellationToken);
        }
        finally
        {
            if (options.DataDirectory is null)
            {
                TryDelete(TemporaryRoot);
            }
        }
    }

    private async Task<BenchReport> RunAllAsync(CancellationToken cancellationToken)
    {
        var excluded = options.Faults.Select(f => f.Link).ToList();
        if (options.Warmup > 0)
        {
            await RunOnceAsync(options.Engine, [], excluded, options.Warmup, "warm-up", cancellationToken);
        }

        if (!options.Compare)
        {
            var run = await RunOnceAsync(options.Engine, options.Faults, excluded, options.Messages, Label(options.Engine), cancellationToken);
            return new BenchReport(Echo(), run, null);
        }

        var engines = new List<BenchEngine> { BenchEngine.Actor };
        if (options.Engine == BenchEngine.Sync || options.Baseline == BenchEngine.Sync)
        {
            engines.Add(BenchEngine.Sync);
        }

        var comparisons = new List<EngineComparison>();
        foreach (var engine in engines)
        {
            var pairs = new List<ComparePair>();
            for (var i = 0; i < options.Repeat; i++)
            {
                var noFault = await RunOnceAsync(engine, [], excluded, options.Messages, $"{Label(engine)} no fault", cancellationToken);
                var withFault = await RunOnceAsync(engine, options.Faults, excluded, options.Messages, $"{Label(engine)} with fault", cancellationToken);
                pairs.Add(EngineComparison.Pair(noFault, withFault));
            }

            comparisons.Add(EngineComparison.Of(Label(engine), pairs));
        }

        return new BenchReport(Echo(), null, comparisons);
    }

    private string Label(BenchEngine engine) => options.Smtp is not null ? "smtp" : options.Http is not null ? "http" : engine == BenchEngine.Sync ? "sync" : "actor";

    private async Task<RunFigures> RunOnceAsync(BenchEngine engine, IReadOnlyList<LinkFault> faults, IReadOnlyList<string> excluded, int messages, string label, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _runs);
        var plan = LoadPlan.Create(topology, messages, options.SizeBytes, options.PriorityMix, $"bench-{_runTag}-{number}-");
        var tracker = new DeliveryTracker(plan);
        var temporary = options.DataDirectory is null;
        var folder = Path.Combine(options.DataDirectory ?? TemporaryRoot, $"run-{number}");
        var journal = options.Http is not null ? "daemon's" : engine == BenchEngine.Sync ? "none (in memory)" : options.Journal.ToString().ToLowerInvariant();
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(options.Timeout);
            await using IBenchTarget target = options.Http is { } url
                ? options.Smtp is { } smtp
                    ? await SmtpTarget.ConnectAsync(smtp, url, tracker, startup.Token)
                    : await HttpTarget.ConnectAsync(url, tracker, startup.Token)
                : engine == BenchEngine.Sync
                    ? await SynchronousMta.StartAsync(topology, folder, tracker, startup.Token)
                    : await ActorEngineTarget.StartAsync(topology, options.Journal, options.Connection, folder, tracker, startup.Token);
            var interval = TimeSpan.FromMilliseconds(options.Http is null ? 10 : 50);
            return await LoadRunner.RunAsync(
                label, journal, target, plan, tracker, options, faults, excluded, interval,
                progress is null ? null : p => progress(p with { Label = label }), cancellationToken);
        }
        finally
        {
            if (temporary)
            {
                TryDelete(folder);
            }
        }
    }

    private BenchSettingsEcho Echo() => new(
        options.Smtp is { } smtp ? $"smtp://{smtp} (deliveries from {options.Http})" : options.Http?.ToString() ?? "in-process",
        options.ConfigFile ?? "generated",
        topology.Links.Length,
        options.SecuredFraction,
        options.Messages,
        options.SizeBytes,
        options.Batch,
        options.InFlight,
        options.Rate,
        options.PriorityMix.ToString(),
        options.Http is not null ? "daemon's" : options.Journal.ToString().ToLowerInvariant(),
        [.. options.Faults.Select(f => f.Text).Distinct()],
        options.Compare ? options.Repeat : 1,
        options.Warmup,
        options.TransferTimeout.TotalSeconds,
        options.Timeout.TotalSeconds,
        Environment.ProcessorCount,
        DateTimeOffset.UtcNow,
        options.Metrics);

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a closing sink: the temp folder is cleaned by the system later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
