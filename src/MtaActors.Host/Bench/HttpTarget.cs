using System.Diagnostics;
using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Host.Api;
using MtaActors.Host.Client;

namespace MtaActors.Host.Bench;

/// <summary>
/// A running daemon, driven through its admin API: submissions go to <c>POST /api/messages/batch</c> (answered once
/// the daemon has journaled them), deliveries are read from <c>GET /api/sites</c> and attributed by the tracker,
/// the work queue length from <c>GET /api/stats</c>. Faults it set are cleared again when it is disposed.
/// An error answer or no answer ends the run (<see cref="AdminApiException"/>, <see cref="DaemonUnreachableException"/>).
/// </summary>
internal sealed class HttpTarget : IBenchTarget
{
    private readonly MtaAdminClient _client;
    private readonly DeliveryTracker _tracker;
    private readonly Dictionary<string, long> _sitesAtStart;
    private readonly List<string> _faulted = [];

    private HttpTarget(MtaAdminClient client, DeliveryTracker tracker, Dictionary<string, long> sitesAtStart)
    {
        _client = client;
        _tracker = tracker;
        _sitesAtStart = sitesAtStart;
    }

    /// <summary>Bound on each API call: a big batch on a busy daemon with a durable journal takes a while to be accepted.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    public static async Task<HttpTarget> ConnectAsync(Uri daemon, DeliveryTracker tracker, CancellationToken cancellationToken)
    {
        // The benchmark has no --admin-token of its own: a daemon that requires one is reached with MTA_ADMIN_TOKEN.
        var client = new MtaAdminClient(new DaemonEndpoint(daemon, Environment.GetEnvironmentVariable(Daemon.DaemonSettings.AdminTokenVariable)), CallTimeout);
        try
        {
            return new HttpTarget(client, tracker, await ReadSitesAsync(client, cancellationToken));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task SubmitAsync(IReadOnlyList<Message> batch, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SubmitBatchAsync([.. batch.Select(Submission)], cancellationToken);
        }
        catch (AdminApiException e)
        {
            throw new BenchFailedException($"the daemon refused a batch: {e.Reason}");
        }
    }

    public async Task<QueueSample> SampleAsync(CancellationToken cancellationToken)
    {
        var sites = await ReadSitesAsync(_client, cancellationToken);
        var now = Stopwatch.GetTimestamp();
        foreach (var (site, distinct) in sites)
        {
            _tracker.DeliveredBySiteCount(site, distinct - _sitesAtStart.GetValueOrDefault(site), now);
        }

        var stats = await ReadAsync("api/stats", _client.StatsAsync, cancellationToken);
        var queues = await ReadAsync("api/queues", _client.QueuesAsync, cancellationToken);
        var linkQueues = queues.Where(q => q.Name != "work-queue").Sum(q => Math.Max(0, q.Length));
        return new QueueSample(stats.WorkQueueLength, linkQueues);
    }

    public async Task<IReadOnlyDictionary<string, string>> LinkStatesAsync(CancellationToken cancellationToken)
        => (await ReadAsync("api/queues", _client.QueuesAsync, cancellationToken)).ToDictionary(q => q.Name, q => q.State, StringComparer.OrdinalIgnoreCase);

    public async Task SetFaultAsync(LinkFault fault, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SetFaultAsync(fault.Link, FaultSpecJson.ToJson(fault.Spec), cancellationToken);
        }
        catch (AdminApiException e)
        {
            throw new BenchUsageException($"--fault {fault.Text}: {e.Reason}");
        }

        _faulted.Add(fault.Link);
    }

    public async Task<long> SitesRecordedAsync(CancellationToken cancellationToken)
        => (await ReadSitesAsync(_client, cancellationToken)).Sum(s => s.Value - _sitesAtStart.GetValueOrDefault(s.Key));

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _faulted)
        {
            try
            {
                await _client.ClearFaultsAsync(link, kind: null, CancellationToken.None);
            }
            catch (Exception e) when (e is DaemonUnreachableException or AdminApiException)
            {
                // Nothing more to do: the daemon is gone (and its faults with it), or no longer knows the link.
            }
        }

        _client.Dispose();
    }

    private static async Task<Dictionary<string, long>> ReadSitesAsync(MtaAdminClient client, CancellationToken cancellationToken)
        => (await ReadAsync("api/sites", client.SitesAsync, cancellationToken)).ToDictionary(s => s.Name, s => s.Distinct, StringComparer.OrdinalIgnoreCase);

    private static async Task<T> ReadAsync<T>(string path, Func<CancellationToken, Task<AdminReply<T>>> read, CancellationToken cancellationToken)
    {
        try
        {
            return (await read(cancellationToken)).Value;
        }
        catch (AdminApiException e)
        {
            throw new BenchFailedException($"GET /{path}: {e.Reason}");
        }
    }

    private static SubmissionContract Submission(Message message) => new()
    {
        Id = message.Id,
        From = message.Originator.Value,
        To = [.. message.Recipients.Select(r => r.Value)],
        Priority = WireNames.Of(message.Priority),
        Subject = message.Subject,
        Body = message.Body,
        SizeBytes = message.SizeBytes,
    };
}
