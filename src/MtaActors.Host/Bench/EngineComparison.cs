namespace MtaActors.Host.Bench;

/// <summary>Every pair one engine ran in a comparison, and the median of their healthy-link ratios.</summary>
internal sealed record EngineComparison(string Engine, IReadOnlyList<ComparePair> Pairs, double MedianHealthyRatio)
{
    public static EngineComparison Of(string engine, IReadOnlyList<ComparePair> pairs)
    {
        var ratios = pairs.Select(p => p.HealthyRatio).Order().ToList();
        var median = ratios.Count == 0 ? 0 : ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2;
        return new EngineComparison(engine, pairs, median);
    }

    public static ComparePair Pair(RunFigures noFault, RunFigures withFault)
    {
        static double Ratio(double with, double without) => without > 0 ? with / without : 0;
        var links = withFault.Links.Where(l => !l.Faulted)
            .Select(l => (With: l, Without: noFault.Links.First(n => n.Name == l.Name)))
            .Select(p => new LinkRatio(p.With.Name, p.Without.PerSecond, p.With.PerSecond, Ratio(p.With.PerSecond, p.Without.PerSecond)))
            .ToList();
        return new ComparePair(noFault, withFault, Ratio(withFault.HealthyPerSecond, noFault.HealthyPerSecond), links);
    }
}
