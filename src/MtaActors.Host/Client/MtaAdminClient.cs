using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Links;
using MtaActors.Engine.Queues;
using MtaActors.Host.Api;

namespace MtaActors.Host.Client;

/// <summary>
/// The one client of the admin API, shared by the CLI, the scenario runner, replay and the benchmark: one base address,
/// the bearer token on every call, every call bounded (a stuck daemon costs the caller <see cref="CallTimeout"/> and a
/// clear reason, never a hang), typed requests and replies through the source-generated contracts. A daemon that
/// answers an error raises <see cref="AdminApiException"/> (status and <c>{"error"}</c> reason); one that does not
/// answer raises <see cref="DaemonUnreachableException"/>.
/// </summary>
internal sealed class MtaAdminClient : IDisposable
{
    /// <summary>The bound on each call unless the caller gives another (the benchmark waits longer for big batches).</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient http;
    private readonly Uri baseAddress;
    private readonly string? token;

    /// <summary>A client for <paramref name="daemon"/>'s address that sends its token on every call.</summary>
    /// <param name="daemon">The admin API's address and the bearer token, if any.</param>
    /// <param name="callTimeout">Bound on each call; <see cref="DefaultCallTimeout"/> unless given.</param>
    public MtaAdminClient(DaemonEndpoint daemon, TimeSpan? callTimeout = null)
    {
        baseAddress = daemon.Address;
        token = daemon.Token;
        CallTimeout = callTimeout ?? DefaultCallTimeout;
        http = new HttpClient(new SocketsHttpHandler
        {
            // The admin API is a direct local hop; an environment proxy would only add a way to fail.
            UseProxy = false,
            // A daemon killed and restarted on the same port leaves dead pooled connections behind: do not keep them long.
            PooledConnectionLifetime = TimeSpan.FromSeconds(5),
        })
        {
            // A trailing slash, so that a daemon behind a path prefix keeps it for relative paths.
            BaseAddress = new Uri(daemon.Address.ToString().TrimEnd('/') + "/"),
            // Bounded per call, with a reason that says it was a timeout.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public TimeSpan CallTimeout { get; }

    /// <summary>
    /// <c>GET /health</c>: <c>ok</c> with 200 once the engine accepts mail; <c>starting</c> (503) is an answer too,
    /// not an error.
    /// </summary>
    public async Task<AdminReply<HealthReply>> HealthAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "health", null, CallTimeout, cancellationToken);
        if (status == HttpStatusCode.ServiceUnavailable && TryRead(body, ApiJsonContext.Default.HealthReply) is { Status: not null } starting)
        {
            return new AdminReply<HealthReply>(starting, body);
        }

        return Read(status, body, ApiJsonContext.Default.HealthReply);
    }

    /// <summary><c>GET /metrics</c>: the Prometheus text, as it is.</summary>
    public async Task<string> MetricsAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "metrics", null, CallTimeout, cancellationToken);
        return IsSuccess(status) ? body : throw Refused(status, body);
    }

    public Task<AdminReply<SubmittedReply>> SubmitAsync(SubmissionContract message, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Post, "api/messages", Body(message, AdminClientJsonContext.Default.SubmissionContract), ApiJsonContext.Default.SubmittedReply, cancellationToken);

    /// <summary><c>POST /api/messages/batch</c>: answered once the daemon has journaled every message, or refused as a whole.</summary>
    public Task<AdminReply<BatchSubmittedReply>> SubmitBatchAsync(IReadOnlyList<SubmissionContract> messages, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Post, "api/messages/batch", Body(messages, AdminClientJsonContext.Default.IReadOnlyListSubmissionContract), ApiJsonContext.Default.BatchSubmittedReply, cancellationToken);

    public Task<AdminReply<IReadOnlyList<QueueStatus>>> QueuesAsync(CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Get, "api/queues", null, ApiJsonContext.Default.IReadOnlyListQueueStatus, cancellationToken);

    public Task<AdminReply<MtaStatistics>> StatsAsync(CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Get, "api/stats", null, ApiJsonContext.Default.MtaStatistics, cancellationToken);

    public Task<AdminReply<IReadOnlyList<SiteCounters>>> SitesAsync(CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Get, "api/sites", null, ApiJsonContext.Default.IReadOnlyListSiteCounters, cancellationToken);

    /// <summary>One page of a queue's messages, oldest first.</summary>
    public Task<AdminReply<QueueListingReply>> QueueMessagesAsync(string queue, QueueListingQuery query, CancellationToken cancellationToken)
    {
        var parameters = new StringBuilder();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parameters.Append(parameters.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("sender", query.Sender);
        Add("recipient", query.Recipient);
        Add("minAgeSeconds", query.MinAgeSeconds?.ToString(CultureInfo.InvariantCulture));
        Add("class", query.Class);
        Add("offset", query.Offset?.ToString(CultureInfo.InvariantCulture));
        Add("limit", query.Limit?.ToString(CultureInfo.InvariantCulture));
        return CallAsync(HttpMethod.Get, $"api/queues/{Escape(queue)}/messages{parameters}", null, ApiJsonContext.Default.QueueListingReply, cancellationToken);
    }

    public Task<AdminReply<QueueRetried>> RetryQueueAsync(string queue, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Post, $"api/queues/{Escape(queue)}/retry", EmptyBody(), ApiJsonContext.Default.QueueRetried, cancellationToken);

    public Task<AdminReply<QueueStatus>> SuspendLinkAsync(string link, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Post, $"api/links/{Escape(link)}/suspend", EmptyBody(), ApiJsonContext.Default.QueueStatus, cancellationToken);

    public Task<AdminReply<QueueStatus>> ResumeLinkAsync(string link, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Post, $"api/links/{Escape(link)}/resume", EmptyBody(), ApiJsonContext.Default.QueueStatus, cancellationToken);

    /// <summary>
    /// <c>POST /api/links/{link}/flush</c>. The daemon bounds the flush (<paramref name="bound"/>, or its default of
    /// <see cref="LinkEndpoints.DefaultFlushBound"/>); this call waits that long plus <see cref="CallTimeout"/>, so that a
    /// daemon overrunning its own bound is seen overrunning rather than cut off early.
    /// </summary>
    public async Task<AdminReply<FlushReport>> FlushAsync(string link, string? recipient, TimeSpan? bound, CancellationToken cancellationToken)
    {
        var path = $"api/links/{Escape(link)}/flush";
        if (bound is { } given)
        {
            path += "?timeout=" + given.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }

        var body = recipient is null ? EmptyBody() : Body(new FlushContract { Recipient = recipient }, AdminClientJsonContext.Default.FlushContract);
        var (status, text) = await SendAsync(HttpMethod.Post, path, body, (bound ?? LinkEndpoints.DefaultFlushBound) + CallTimeout, cancellationToken);
        return Read(status, text, ApiJsonContext.Default.FlushReport);
    }

    public Task<AdminReply<MtaAdministrationStatus>> DisableAsync(string? reason, CancellationToken cancellationToken)
        => CallAsync(
            HttpMethod.Post,
            "api/mta/disable",
            reason is null ? EmptyBody() : Body(new DisableContract { Reason = reason }, AdminClientJsonContext.Default.DisableContract),
            ApiJsonContext.Default.MtaAdministrationStatus,
            cancellationToken);

    public Task<AdminReply<MtaAdministrationStatus>> EnableAsync(CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Post, "api/mta/enable", EmptyBody(), ApiJsonContext.Default.MtaAdministrationStatus, cancellationToken);

    /// <summary><c>POST /api/messages/{id}/{operation}</c>: <c>hold</c>, <c>release</c> or <c>requeue</c>, wherever the message waits.</summary>
    public Task<AdminReply<MessageOperationReply>> OperateOnMessageAsync(string id, string operation, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Post, $"api/messages/{Escape(id)}/{operation}", EmptyBody(), ApiJsonContext.Default.MessageOperationReply, cancellationToken);

    public Task<AdminReply<MessageOperationReply>> RemoveMessageAsync(string id, bool nonDeliveryReport, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Delete, $"api/messages/{Escape(id)}?ndr={(nonDeliveryReport ? "true" : "false")}", null, ApiJsonContext.Default.MessageOperationReply, cancellationToken);

    public Task<AdminReply<PurgeReply>> PurgeAsync(PurgeContract purge, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Post, "api/purge", Body(purge, AdminClientJsonContext.Default.PurgeContract), ApiJsonContext.Default.PurgeReply, cancellationToken);

    /// <summary><c>GET /api/faults</c>: every link that has faults, with them.</summary>
    public Task<AdminReply<IReadOnlyList<LinkFaults>>> FaultsAsync(CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Get, "api/faults", null, AdminClientJsonContext.Default.IReadOnlyListLinkFaults, cancellationToken);

    public Task<AdminReply<IReadOnlyList<Dictionary<string, JsonElement>>>> LinkFaultsAsync(string link, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Get, FaultsPath(link), null, AdminClientJsonContext.Default.IReadOnlyListDictionaryStringJsonElement, cancellationToken);

    /// <summary>Sets one fault (its <c>kind</c> and parameters, checked by the daemon), replacing one of the same kind; answers the link's faults.</summary>
    public Task<AdminReply<IReadOnlyList<Dictionary<string, JsonElement>>>> SetFaultAsync(string link, JsonObject fault, CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Put, FaultsPath(link), JsonBody(fault.ToJsonString()), AdminClientJsonContext.Default.IReadOnlyListDictionaryStringJsonElement, cancellationToken);

    /// <summary>Clears one kind of fault, or every fault when <paramref name="kind"/> is null; answers the faults left.</summary>
    public Task<AdminReply<IReadOnlyList<Dictionary<string, JsonElement>>>> ClearFaultsAsync(string link, string? kind, CancellationToken cancellationToken)
        => CallAsync(
            HttpMethod.Delete,
            kind is null ? FaultsPath(link) : $"{FaultsPath(link)}?kind={Uri.EscapeDataString(kind)}",
            null,
            AdminClientJsonContext.Default.IReadOnlyListDictionaryStringJsonElement,
            cancellationToken);

    /// <summary><c>GET /api/faults/seed</c>: the seed every random fault decision is drawn from.</summary>
    public Task<AdminReply<FaultSeedContract>> FaultSeedAsync(CancellationToken cancellationToken)
        => CallAsync(HttpMethod.Get, "api/faults/seed", null, AdminRequestJsonContext.Default.FaultSeedContract, cancellationToken);

    /// <summary><c>PUT /api/faults/seed</c>: every link's draws start again from <paramref name="seed"/>, to replay a run.</summary>
    public Task<AdminReply<FaultSeedContract>> SetFaultSeedAsync(long seed, CancellationToken cancellationToken)
        => CallAsync(
            HttpMethod.Put,
            "api/faults/seed",
            Body(new FaultSeedContract { Seed = seed }, AdminRequestJsonContext.Default.FaultSeedContract),
            AdminRequestJsonContext.Default.FaultSeedContract,
            cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<AdminReply<T>> CallAsync<T>(HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T> reply, CancellationToken cancellationToken)
    {
        var (status, text) = await SendAsync(method, path, body, CallTimeout, cancellationToken);
        return Read(status, text, reply);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? body, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Content = body;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"no answer within {bound.TotalSeconds:0} s", e, nothingSent: false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e.Message, e, nothingSent: e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused });
        }
    }

    private static AdminReply<T> Read<T>(HttpStatusCode status, string body, JsonTypeInfo<T> reply)
    {
        if (!IsSuccess(status))
        {
            throw Refused(status, body);
        }

        try
        {
            return JsonSerializer.Deserialize(body, reply) is { } value
                ? new AdminReply<T>(value, body)
                : throw new AdminApiException(status, "unexpected answer from the daemon: null");
        }
        catch (JsonException e)
        {
            throw new AdminApiException(status, $"unexpected answer from the daemon: {e.Message}");
        }
    }

    private static T? TryRead<T>(string body, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>The API's <c>error</c> line, or the status when the body carries none (a proxy's page, say).</summary>
    private static AdminApiException Refused(HttpStatusCode status, string body)
        => new(status, TryRead(body, ApiJsonContext.Default.ErrorReply)?.Error ?? $"the daemon answered {(int)status} {status}");

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private DaemonUnreachableException Unreachable(string reason, Exception inner, bool nothingSent)
        => new($"cannot reach the daemon at {baseAddress.GetLeftPart(UriPartial.Authority)}: {reason}", inner, nothingSent);

    private static ByteArrayContent Body<T>(T value, JsonTypeInfo<T> type) => Content(JsonSerializer.SerializeToUtf8Bytes(value, type));

    private static ByteArrayContent JsonBody(string json) => Content(Encoding.UTF8.GetBytes(json));

    /// <summary>An empty body declared as JSON: state changes must be <c>application/json</c> (the cross-site rule), even with nothing to say.</summary>
    private static ByteArrayContent EmptyBody() => Content([]);

    private static ByteArrayContent Content(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string FaultsPath(string link) => $"api/links/{Escape(link)}/faults";
}
