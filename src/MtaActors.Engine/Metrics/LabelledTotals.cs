using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace MtaActors.Engine.Metrics;

/// <summary>
/// Monotonic totals per label set, published as an observable counter. Totals are kept here rather than as a
/// <see cref="Counter{T}"/>'s increments because an exporter only sees increments made while it listens, and
/// prometheus-net drops (and restarts from zero) a series nobody updated for a day; an observable total is read
/// whole at every collection, so it is never lost or reset while the process lives.
/// </summary>
internal sealed class LabelledTotals
{
    private readonly ConcurrentDictionary<(string First, string Second), StrongBox<long>> _totals = new();
    private readonly string? _first;
    private readonly string? _second;

    /// <summary>A total per value of <paramref name="first"/> (and <paramref name="second"/>); with neither, one total.</summary>
    public LabelledTotals(Meter meter, string name, string description, string? first = null, string? second = null)
    {
        _first = first;
        _second = second;
        meter.CreateObservableCounter(name, Measurements, description: description);
    }

    public void Add(long count, string first = "", string second = "")
    {
        var total = _totals.GetOrAdd((first, second), static _ => new StrongBox<long>());
        Interlocked.Add(ref total.Value, count);
    }

    private IEnumerable<Measurement<long>> Measurements()
    {
        foreach (var ((first, second), total) in _totals)
        {
            var value = Interlocked.Read(ref total.Value);
            yield return (_first, _second) switch
            {
                (null, _) => new Measurement<long>(value),
                (_, null) => new Measurement<long>(value, new KeyValuePair<string, object?>(_first, first)),
                _ => new Measurement<long>(value, new KeyValuePair<string, object?>(_first, first), new KeyValuePair<string, object?>(_second, second)),
            };
        }
    }
}
