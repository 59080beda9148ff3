using MtaActors.Host.Reports;

namespace MtaActors.Host.Tests.Reports;

/// <summary>
/// The report percentiles come from HdrHistogram: on known distributions they match the exact nearest-rank value of the
/// sorted sample within the histogram's precision (never below it by more than the microsecond rounding).
/// </summary>
public sealed class LatencyDistributionSpec
{
    private static readonly double[] Checked = [50, 90, 99, 99.9];

    [Fact]
    public void Uniform_latencies_give_the_exact_nearest_rank_percentiles_within_a_tenth_of_a_percent()
    {
        var sample = Enumerable.Range(1, 10_000).Select(i => (double)i).ToList(); // 1 ms .. 10 s

        var distribution = LatencyDistribution.Of(sample);

        Assert.Equal(10_000, distribution.Count);
        AssertWithin(5000, distribution.PercentileMs(50), 0.001);
        AssertWithin(9000, distribution.PercentileMs(90), 0.001);
        AssertWithin(9900, distribution.PercentileMs(99), 0.001);
        AssertWithin(10_000, distribution.MaxMs, 0.001);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2026)]
    public void Skewed_latencies_match_the_sorted_sample_within_the_histograms_precision(int seed)
    {
        // Exponential with a 20 ms mean plus a 1% tail of slow ones up to a minute: the shape of a link under a fault.
        var random = new Random(seed);
        var sample = Enumerable.Range(0, 10_000)
            .Select(_ => random.NextDouble() < 0.01 ? 1000 + random.NextDouble() * 59_000 : -20 * Math.Log(1 - random.NextDouble()))
            .ToList();
        var sorted = sample.Order().ToList();

        var report = LatencyDistribution.Of(sample);
        var chart = new LatencyDistribution(LatencyDistribution.ChartDigits);
        sample.ForEach(chart.Record);

        foreach (var percentile in Checked)
        {
            var exact = NearestRank(sorted, percentile);
            AssertWithin(exact, report.PercentileMs(percentile), 0.001);
            AssertWithin(exact, chart.PercentileMs(percentile), 0.01);
        }

        AssertWithin(sorted[^1], report.MaxMs, 0.001);
    }

    [Fact]
    public void An_empty_distribution_has_no_figures()
    {
        var distribution = new LatencyDistribution();

        Assert.Equal(0, distribution.Count);
        Assert.True(double.IsNaN(distribution.PercentileMs(50)));
        Assert.True(double.IsNaN(distribution.MaxMs));
    }

    [Fact]
    public void Latencies_outside_the_histograms_range_are_clamped_not_refused()
    {
        var distribution = LatencyDistribution.Of([-5, 0.5, TimeSpan.FromHours(3).TotalMilliseconds]);

        Assert.Equal(3, distribution.Count);
        Assert.Equal(0, distribution.PercentileMs(1));
        AssertWithin(TimeSpan.FromHours(1).TotalMilliseconds, distribution.MaxMs, 0.001);
    }

    /// <summary>The exact figure: the smallest value with at least that share of the sample at or below it.</summary>
    private static double NearestRank(IReadOnlyList<double> sorted, double percentile)
    {
        // Rounded first: 99.9 / 100 * 10000 is 9990.000000000002 in doubles, and its ceiling would be the next rank.
        var rank = (int)Math.Ceiling(Math.Round(percentile / 100 * sorted.Count, 6));
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>HdrHistogram answers the highest value equivalent to the exact one: at or above it, by at most the precision.</summary>
    private static void AssertWithin(double exact, double actual, double relative)
    {
        const double MicrosecondRounding = 0.0005;
        Assert.InRange(actual, exact - MicrosecondRounding, (exact * (1 + relative)) + MicrosecondRounding);
    }
}
