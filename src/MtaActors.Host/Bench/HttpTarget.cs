using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Host.Api;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Bench;

/// <summary>
/// A running daemon, driven through its admin API: submissions go to <c>POST /api/messages/batch</c> (answered once
/// the daemon has journaled them), deliveries are read from <c>GET /api/sites</c> and attributed by the tracker,
/// the work queue length from <c>GET /api/stats</c>. Faults it set are cleared again when it is disposed.
/// </summary>
internal sealed class HttpTarget : IBenchTarget
{
    private readonly AdminClient _client;
    private readonly DeliveryTracker _tracker;
    private readonly Dictionary<string, long> _sitesAtStart;
    private readonly List<string> _faulted = [];

    private HttpTarget(AdminClient client, DeliveryTracker tracker, Dictionary<string, long> sitesAtStart)
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
        var client = new AdminClient(daemon, Environment.GetEnvironmentVariable(Daemon.DaemonSettings.AdminTokenVariable), CallTimeout);
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
        var reply = await _client.SendAsync(HttpMethod.Post, "api/messages/batch", ToJson(batch), cancellationToken);
        if (!reply.IsSuccess)
        {
            throw new BenchFailedException($"the daemon refused a batch: {reply.ErrorReason}");
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

        using var stats = JsonDocument.Parse((await GetAsync("api/stats", cancellationToken)).Body);
        using var queues = JsonDocument.Parse((await GetAsync("api/queues", cancellationToken)).Body);
        var linkQueues = queues.RootElement.EnumerateArray().Where(q => ApiCall.Text(q, "name") != "work-queue").Sum(q => Math.Max(0, ApiCall.Number(q, "length")));
        return new QueueSample((int)ApiCall.Number(stats.RootElement, "workQueueLength"), (int)linkQueues);
    }

    public async Task<IReadOnlyDictionary<string, string>> LinkStatesAsync(CancellationToken cancellationToken)
    {
        using var queues = JsonDocument.Parse((await GetAsync("api/queues", cancellationToken)).Body);
        return queues.RootElement.EnumerateArray().ToDictionary(q => ApiCall.Text(q, "name"), q => ApiCall.Text(q, "state"), StringComparer.OrdinalIgnoreCase);
    }

    public async Task SetFaultAsync(LinkFault fault, CancellationToken cancellationToken)
    {
        var reply = await _client.SendAsync(HttpMethod.Put, $"api/links/{Uri.EscapeDataString(fault.Link)}/faults", FaultSpecJson.ToJson(fault.Spec).ToJsonString(), cancellationToken);
        if (!reply.IsSuccess)
        {
            throw new BenchUsageException($"--fault {fault.Text}: {reply.ErrorReason}");
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
                await _client.SendAsync(HttpMethod.Delete, $"api/links/{Uri.EscapeDataString(link)}/faults", null, CancellationToken.None);
            }
            catch (DaemonUnreachableException)
            {
                // Nothing more to do: the daemon is gone, and its faults with it.
            }
        }

        _client.Dispose();
    }

    private static async Task<Dictionary<string, long>> ReadSitesAsync(AdminClient client, CancellationToken cancellationToken)
    {
        var reply = await client.GetAsync("api/sites", cancellationToken);
        if (!reply.IsSuccess)
        {
            throw new BenchFailedException($"GET /api/sites: {reply.ErrorReason}");
        }

        using var sites = JsonDocument.Parse(reply.Body);
        return sites.RootElement.EnumerateArray().ToDictionary(s => ApiCall.Text(s, "name"), s => ApiCall.Number(s, "distinct"), StringComparer.OrdinalIgnoreCase);
    }

    private async Task<ApiReply> GetAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await _client.GetAsync(path, cancellationToken);
        return reply.IsSuccess ? reply : throw new BenchFailedException($"GET /{path}: {reply.ErrorReason}");
    }

    private static string ToJson(IReadOnlyList<Message> batch)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var message in batch)
            {
                json.WriteStartObject();
                json.WriteString("id", message.Id);
                json.WriteString("from", message.Originator.Value);
                json.WriteStartArray("to");
                foreach (var recipient in message.Recipients)
                {
                    json.WriteStringValue(recipient.Value);
                }

                json.WriteEndArray();
                json.WriteString("priority", WireNames.Of(message.Priority));
                json.WriteString("subject", message.Subject);
                json.WriteString("body", message.Body);
                json.WriteNumber("sizeBytes", message.SizeBytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
