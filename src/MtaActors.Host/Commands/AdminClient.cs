using System.Net.Http.Headers;
using System.Text;

namespace MtaActors.Host.Commands;

/// <summary>
/// The CLI's side of the admin API. Every call is bounded by <see cref="Timeout"/>, so a stuck daemon costs the
/// operator ten seconds and a clear line, never a hung terminal.
/// </summary>
internal sealed class AdminClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient http;
    private readonly Uri baseAddress;
    private readonly TimeSpan callTimeout;
    private readonly string? token;

    /// <summary>A client for <paramref name="daemon"/>'s address that sends its token on every call.</summary>
    public AdminClient(DaemonEndpoint daemon, TimeSpan? callTimeout = null)
        : this(daemon.Address, daemon.Token, callTimeout)
    {
    }

    /// <param name="baseAddress">The daemon's admin API.</param>
    /// <param name="token">Sent as <c>Authorization: Bearer</c> on every call; null sends none.</param>
    /// <param name="callTimeout">Bound on each call; <see cref="Timeout"/> unless given (the benchmark waits longer for big batches).</param>
    public AdminClient(Uri baseAddress, string? token, TimeSpan? callTimeout = null)
    {
        this.token = token;
        this.baseAddress = baseAddress;
        this.callTimeout = callTimeout ?? Timeout;
        // The admin API is a direct local hop; an environment proxy would only add a way to fail.
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            // A trailing slash, so that a daemon behind a path prefix keeps it for relative paths.
            BaseAddress = new Uri(baseAddress.ToString().TrimEnd('/') + "/"),
            // Bounded per call below, with a reason that says it was a timeout.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public Task<ApiReply> GetAsync(string path, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public async Task<ApiReply> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(callTimeout);
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new ApiReply(response.StatusCode, body);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"no answer within {callTimeout.TotalSeconds:0} s", e);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e.Message, e);
        }
    }

    public void Dispose() => http.Dispose();

    private DaemonUnreachableException Unreachable(string reason, Exception inner)
        => new($"cannot reach the daemon at {baseAddress.GetLeftPart(UriPartial.Authority)}: {reason}", inner);
}
