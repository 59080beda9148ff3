using HdrHistogram;

namespace MtaActors.Host.Reports;

/// <summary>
/// Latencies in milliseconds, kept in an HdrHistogram at microsecond resolution: with the default three significant
/// digits every percentile it answers is within 0.1% of the exact nearest-rank value, in constant memory however many
/// are recorded. Latencies above an hour are counted as an hour (the histogram's bound); below zero as zero.
/// </summary>
/// <param name="significantDigits">Precision: 3 (0.1%, about 190 KB) for report figures; 2 (1%, about 27 KB) for the
/// per-interval series of a chart, which keeps one per interval.</param>
public sealed class LatencyDistribution(int significantDigits = LatencyDistribution.ReportDigits)
{
    public const int ReportDigits = 3;

    /// <summary>For charts: one distribution per interval, hundreds per report, where 1% is finer than a pixel.</summary>
    public const int ChartDigits = 2;

    private static readonly long HighestMicros = (long)TimeSpan.FromHours(1).TotalMicroseconds;

    private readonly LongHistogram histogram = new(HighestMicros, significantDigits);

    public long Count => histogram.TotalCount;

    /// <summary>The latency at <paramref name="percentile"/> (0-100) in milliseconds; NaN when nothing was recorded.</summary>
    public double PercentileMs(double percentile) => Count == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>The largest latency in milliseconds (within the histogram's precision); NaN when nothing was recorded.</summary>
    public double MaxMs => Count == 0 ? double.NaN : histogram.GetMaxValue() / 1000.0;

    public static LatencyDistribution Of(IEnumerable<double> milliseconds)
    {
        var distribution = new LatencyDistribution();
        foreach (var latency in milliseconds)
        {
            distribution.Record(latency);
        }

        return distribution;
    }

    public void Record(double milliseconds)
        => histogram.RecordValue(Math.Clamp((long)Math.Round(milliseconds * 1000), 0, HighestMicros));
}
