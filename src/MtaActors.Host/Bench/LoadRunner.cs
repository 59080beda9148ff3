using System.Diagnostics;
using HdrHistogram;
using MtaActors.Core.Messages;

namespace MtaActors.Host.Bench;

/// <summary>
/// Drives one run against one target: sets the faults, submits the plan in batches (closed loop with at most
/// <c>InFlight</c> submissions awaiting acceptance, or paced to <c>Rate</c>), samples the work queue and memory while
/// it waits for the deliveries, and turns what the tracker saw into <see cref="RunFigures"/>. Every wait is bounded by
/// the run's timeout. Messages aimed at an <c>excluded</c> link are left out of the healthy figures. A run with faults ends once the healthy links have delivered everything (the faulted links may
/// never finish), then waits (bounded) to see a faulted link leave the <c>up</c> state, so the report can show it.
/// </summary>
internal static class LoadRunner
{
    private static readonly long MaxLatencyMicros = (long)TimeSpan.FromHours(1).TotalMicroseconds;

    public static async Task<RunFigures> RunAsync(
        string engine,
        string journal,
        IBenchTarget target,
        LoadPlan plan,
        DeliveryTracker tracker,
        BenchOptions options,
        IReadOnlyList<LinkFault> faults,
        IReadOnlyCollection<string> excluded,
        TimeSpan sampleInterval,
        Action<RunProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        foreach (var fault in faults)
        {
            await target.SetFaultAsync(fault, deadline.Token);
        }

        // Links left out of the healthy figures: the faulted ones, and in a no-fault comparison run the ones that will be.
        var faulted = plan.Targets.Select(t => excluded.Contains(t.Link, StringComparer.OrdinalIgnoreCase)).ToArray();
        var healthyExpected = Enumerable.Range(0, plan.Count).LongCount(seq => !faulted[plan.TargetOf(seq)]);
        long HealthyDelivered() => plan.Targets.Where(t => !faulted[t.Index]).Sum(t => tracker.DeliveredTo(t.Index));

        // In-process, the heap is the engine's: its growth over the messages still queued at the end is the memory a
        // queued message costs (a full collection either side, outside the timed part). Over HTTP it is only the bench's.
        var inProcess = options.Http is null;
        var heapBefore = inProcess ? GC.GetTotalMemory(forceFullCollection: true) : 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = new GcCounts(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var peakWorkQueue = 0;
        var peakLinkQueues = 0;
        var peakWorkingSet = Environment.WorkingSet;
        var samples = new List<(double At, QueueSample Sample)>();
        var start = Stopwatch.GetTimestamp();
        var submitting = SubmitAllAsync(target, plan, tracker, options, start, deadline.Token);
        var timedOut = false;
        long lastAccepted = start;
        try
        {
            while (true)
            {
                var sample = await target.SampleAsync(deadline.Token);
                samples.Add((Stopwatch.GetElapsedTime(start).TotalSeconds, sample));
                peakWorkQueue = Math.Max(peakWorkQueue, sample.WorkQueue);
                peakLinkQueues = Math.Max(peakLinkQueues, sample.LinkQueues);
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                progress?.Invoke(new RunProgress(engine, plan.Count, tracker.SubmittedCount, tracker.DeliveredTotal));
                if (submitting.IsCompleted)
                {
                    lastAccepted = await submitting;
                    if (HealthyDelivered() == healthyExpected && (faults.Count > 0 || tracker.DeliveredTotal == plan.Count))
                    {
                        break;
                    }
                }

                await Task.Delay(sampleInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
            lastAccepted = submitting.IsCompletedSuccessfully ? submitting.Result : Stopwatch.GetTimestamp();
        }

        var end = Stopwatch.GetTimestamp();
        progress?.Invoke(new RunProgress(engine, plan.Count, tracker.SubmittedCount, tracker.DeliveredTotal));
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var gc = new GcCounts(GC.CollectionCount(0) - gcBefore.Gen0, GC.CollectionCount(1) - gcBefore.Gen1, GC.CollectionCount(2) - gcBefore.Gen2);
        var states = await FaultedLinkStatesAsync(target, plan, tracker, faulted, options, cancellationToken);
        long sitesRecorded;
        int queuedAtEnd;
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bounded.CancelAfter(TimeSpan.FromSeconds(10));
            sitesRecorded = await target.SitesRecordedAsync(bounded.Token);
            var final = await target.SampleAsync(bounded.Token);
            queuedAtEnd = final.WorkQueue + final.LinkQueues;
        }

        var memory = new QueuedMemory(queuedAtEnd, inProcess ? GC.GetTotalMemory(forceFullCollection: true) - heapBefore : null);
        return Summarise(engine, journal, plan, tracker, faults, faulted, states, start, end, lastAccepted, timedOut, peakWorkQueue, peakLinkQueues, peakWorkingSet, memory, gc, cpuSeconds, sitesRecorded, inProcess)
            with { Timeline = RunTimeline.From(plan, tracker, start, end, samples) };
    }

    /// <summary>Submits every batch and returns the time of the last acceptance.</summary>
    private static async Task<long> SubmitAllAsync(IBenchTarget target, LoadPlan plan, DeliveryTracker tracker, BenchOptions options, long start, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.InFlight, options.InFlight);
        var pending = new List<Task>();
        long lastAccepted = start;
        for (var first = 0; first < plan.Count; first += options.Batch)
        {
            if (options.Rate is { } rate)
            {
                var due = TimeSpan.FromSeconds(first / rate) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }
            }

            await slots.WaitAsync(cancellationToken);
            var count = Math.Min(options.Batch, plan.Count - first);
            var now = DateTimeOffset.UtcNow;
            var batch = new Message[count];
            for (var i = 0; i < count; i++)
            {
                batch[i] = plan.CreateMessage(first + i, now);
            }

            tracker.Submitted(first, count, Stopwatch.GetTimestamp());
            pending.Add(SubmitOneAsync(batch));
            pending.RemoveAll(t => t.IsCompletedSuccessfully);
        }

        await Task.WhenAll(pending);
        return Interlocked.Read(ref lastAccepted);

        async Task SubmitOneAsync(Message[] batch)
        {
            try
            {
                await target.SubmitAsync(batch, cancellationToken);
                var now = Stopwatch.GetTimestamp();
                long seen;
                while ((seen = Interlocked.Read(ref lastAccepted)) < now && Interlocked.CompareExchange(ref lastAccepted, now, seen) != seen)
                {
                }
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private static async Task<IReadOnlyDictionary<string, string>> FaultedLinkStatesAsync(
        IBenchTarget target, LoadPlan plan, DeliveryTracker tracker, bool[] faulted, BenchOptions options, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Long enough for a hung transfer to time out twice and the link to be declared down.
        bounded.CancelAfter(options.TransferTimeout * 4 + TimeSpan.FromSeconds(2));
        var stuck = plan.Targets.Where(t => faulted[t.Index] && tracker.DeliveredTo(t.Index) < plan.Count / plan.Targets.Length).Select(t => t.Link).ToList();
        IReadOnlyDictionary<string, string> states = new Dictionary<string, string>();
        try
        {
            while (true)
            {
                states = await target.LinkStatesAsync(bounded.Token);
                if (states.Count == 0 || stuck.All(link => states.TryGetValue(link, out var state) && state != "up"))
                {
                    return states;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), bounded.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return states;
        }
    }

    private static RunFigures Summarise(
        string engine, string journal, LoadPlan plan, DeliveryTracker tracker, IReadOnlyList<LinkFault> faults, bool[] faulted,
        IReadOnlyDictionary<string, string> states, long start, long end, long lastAccepted, bool timedOut,
        int peakWorkQueue, int peakLinkQueues, long peakWorkingSet, QueuedMemory memory, GcCounts gc, double cpuSeconds, long sitesRecorded, bool perMessage)
    {
        var histogram = new LongHistogram(MaxLatencyMicros, 3);
        var lastByTarget = new long[plan.Targets.Length];
        var expectedByTarget = new long[plan.Targets.Length];
        long accepted = 0;
        for (var seq = 0; seq < plan.Count; seq++)
        {
            var target = plan.TargetOf(seq);
            expectedByTarget[target]++;
            if (tracker.SubmittedAt(seq) != 0)
            {
                accepted++;
            }

            var delivered = tracker.DeliveredAt(seq);
            if (delivered == 0)
            {
                continue;
            }

            lastByTarget[target] = Math.Max(lastByTarget[target], delivered);
            var micros = (long)Stopwatch.GetElapsedTime(tracker.SubmittedAt(seq), delivered).TotalMicroseconds;
            histogram.RecordValue(Math.Clamp(micros, 0, MaxLatencyMicros));
        }

        double Seconds(long until) => Math.Max(Stopwatch.GetElapsedTime(start, until).TotalSeconds, 1e-9);
        double Rate(long count, double seconds) => count == 0 ? 0 : count / seconds;

        var links = plan.Targets.Select(t =>
        {
            var delivered = tracker.DeliveredTo(t.Index);
            var seconds = Seconds(delivered == expectedByTarget[t.Index] ? lastByTarget[t.Index] : end);
            return new LinkFigures(t.Link, t.Kind, t.Secured, faulted[t.Index], expectedByTarget[t.Index], delivered, seconds, Rate(delivered, seconds), states.GetValueOrDefault(t.Link, "-"));
        }).ToList();

        var healthy = links.Where(l => !l.Faulted).ToList();
        var healthyExpected = healthy.Sum(l => l.Expected);
        var healthyDelivered = healthy.Sum(l => l.Delivered);
        var healthyComplete = healthyDelivered == healthyExpected;
        var healthySeconds = healthyComplete && healthy.Count > 0
            ? Seconds(healthy.Max(l => lastByTarget[plan.Targets.First(t => t.Link == l.Name).Index]))
            : Seconds(end);
        var deliveredTotal = tracker.DeliveredTotal;
        var deliverSeconds = deliveredTotal == plan.Count ? Seconds(lastByTarget.Max()) : Seconds(end);
        var acceptSeconds = Seconds(lastAccepted);
        var count = histogram.TotalCount;
        double Ms(double percentile) => count == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

        return new RunFigures
        {
            Engine = engine,
            Journal = journal,
            Faults = [.. faults.Select(f => f.Text).Distinct()],
            Messages = plan.Count,
            Accepted = accepted,
            AcceptSeconds = acceptSeconds,
            AcceptedPerSecond = Rate(accepted, acceptSeconds),
            Delivered = deliveredTotal,
            DeliverSeconds = deliverSeconds,
            DeliveredPerSecond = Rate(deliveredTotal, deliverSeconds),
            HealthyExpected = healthyExpected,
            HealthyDelivered = healthyDelivered,
            HealthySeconds = healthySeconds,
            HealthyPerSecond = Rate(healthyDelivered, healthySeconds),
            HealthyComplete = healthyComplete,
            TimedOut = timedOut,
            Latency = new LatencyFigures(count, Ms(50), Ms(90), Ms(99), Ms(99.9), count == 0 ? 0 : histogram.GetMaxValue() / 1000.0),
            LatencyBasis = perMessage
                ? "per message: submission to the site's acknowledgement of its batch"
                : "attributed: site delivery counts polled over HTTP, matched to that site's messages in submission order",
            Links = links,
            PeakWorkQueueLength = peakWorkQueue,
            PeakLinkQueuesLength = peakLinkQueues,
            PeakWorkingSetBytes = peakWorkingSet,
            QueuedAtEnd = memory,
            Gc = gc,
            CpuSeconds = cpuSeconds,
            SitesRecorded = sitesRecorded,
        };
    }
}
