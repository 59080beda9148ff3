using MtaActors.Host.Daemon;
using Prometheus;

namespace MtaActors.Host.Bench;

/// <summary>
/// <c>mta bench --metrics</c>: the daemon's metrics export running beside an in-process run (the meter adapter listening,
/// and a scrape every second into nowhere), so the cost of metrics is measured the way a scraped daemon pays it.
/// </summary>
internal sealed class MetricsListening : IAsyncDisposable
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    private readonly IDisposable _export = PrometheusExport.Start();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _scraping;

    public MetricsListening() => _scraping = ScrapeAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _scraping;
        _stop.Dispose();
        _export.Dispose();
    }

    private static async Task ScrapeAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ScrapeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped with the run
        }
    }
}
