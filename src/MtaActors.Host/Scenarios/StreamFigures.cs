using System.Collections.Immutable;
using MtaActors.Host.Reports;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// What one load stream did: messages accepted and copies delivered (one per list member), delivered throughput in the no-fault baseline and in the
/// rest of the load (deliveries seen per second in each window), and latency percentiles in milliseconds from
/// sending to the delivery log line being seen (resolution: the 100 ms poll).
/// </summary>
public sealed record StreamFigures(
    string Stream,
    int Accepted,
    int Delivered,
    double BaselineRate,
    double FaultRate,
    double P50,
    double P90,
    double P99,
    double Max)
{
    /// <summary>Computes the figures of every stream from the history.</summary>
    public static ImmutableArray<StreamFigures> From(ScenarioDefinition scenario, ScenarioHistory history, double timeScale)
    {
        var firstSeen = new Dictionary<(string, string), double>();
        foreach (var delivery in history.Deliveries.Where(d => d.Delivered))
        {
            firstSeen.TryAdd((delivery.MessageId, delivery.Recipient), delivery.SeenAt);
        }

        var baselineEnd = scenario.BaselineSeconds * timeScale;
        var loadEnd = history.LoadEnded;
        return [.. scenario.Load.Streams.Select(stream =>
        {
            var accepted = history.Submissions.Where(s => s.Stream == stream.Name && s.Result == SubmissionResult.Accepted).ToList();
            var delivered = ExpectedDeliveries.Of(scenario.Topology, accepted)
                .Select(c => (c.Submission, Seen: firstSeen.TryGetValue((c.Submission.Id, c.Recipient), out var seen) ? seen : (double?)null))
                .Where(p => p.Seen is not null)
                .ToList();
            var latencies = LatencyDistribution.Of(delivered.Select(p => (p.Seen!.Value - p.Submission.SentAt) * 1000));
            double Rate(double from, double to) => to > from ? delivered.Count(p => p.Seen >= from && p.Seen < to) / (to - from) : double.NaN;
            return new StreamFigures(
                stream.Name,
                accepted.Count,
                delivered.Count,
                Rate(0, baselineEnd),
                Rate(baselineEnd, loadEnd),
                latencies.PercentileMs(50),
                latencies.PercentileMs(90),
                latencies.PercentileMs(99),
                latencies.MaxMs);
        })];
    }
}
