using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MtaActors.Engine.Metrics;
using Prometheus;

namespace MtaActors.Host.Daemon;

/// <summary>
/// Publishes the engine's meter (and the runtime's) in Prometheus text format at <c>GET /metrics</c>, through
/// prometheus-net's meter adapter. The adapter is started with the daemon, not on the first scrape (prometheus-net's
/// default), because a counter's increments made before anyone listens are lost: the first scrape would show zero.
/// </summary>
internal static class PrometheusExport
{
    public const string Path = "/metrics";

    /// <summary>The runtime's own meter (.NET 9+): GC, heap, thread pool queue length (the KB924567 symptom), locks.</summary>
    private const string RuntimeMeter = "System.Runtime";

    private static readonly double[] SecondsBuckets = Histogram.ExponentialBuckets(0.001, 2, 24); // 1 ms .. ~2.3 h
    private static readonly double[] CountBuckets = Histogram.ExponentialBuckets(1, 2, 16); // 1 .. 32,768

    /// <summary>Starts listening; dispose to stop. Call before the engine starts.</summary>
    public static IDisposable Start()
    {
        // The runtime meter replaces the older event counters (they would publish the same figures twice); the
        // default adapter is replaced by the one below.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
        return MeterAdapter.StartListening(new MeterAdapterOptions
        {
            InstrumentFilterPredicate = instrument => instrument.Meter.Name is MtaInstruments.MeterName or RuntimeMeter,
            // The adapter drops a series not updated for this long (its longest: a day). Totals and gauges are
            // observable, read at every scrape, so only an idle link's histogram restarts.
            MetricsExpireAfter = TimeSpan.FromDays(1),
            ResolveHistogramBuckets = Buckets,
        });
    }

    /// <summary>GET only: any other method is the API's JSON 405, as for every other read-only path.</summary>
    public static void MapPrometheus(this IEndpointRouteBuilder endpoints)
        => endpoints.MapMetrics(Path).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));

    private static double[] Buckets(Instrument instrument) => instrument.Unit == "s" ? SecondsBuckets : CountBuckets;
}
