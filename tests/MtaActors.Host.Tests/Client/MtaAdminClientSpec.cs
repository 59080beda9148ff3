using System.Net;
using System.Net.Sockets;
using MtaActors.Host.Api;
using MtaActors.Host.Client;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Client;

/// <summary>
/// The one admin client against the real daemon (<c>mta run</c> on a free loopback port, with an admin token): typed
/// replies, the API's reason for a refusal, 401 without the token, and "cannot reach" for a daemon that is not there
/// or does not answer.
/// </summary>
public sealed class MtaAdminClientSpec : IAsyncLifetime
{
    private const string Token = "client-spec-token-0123456789";

    private readonly TempDirectory data = new("mta-client");
    private DaemonProcess daemon = null!;

    public async Task InitializeAsync()
        => daemon = await DaemonProcess.StartAsync(data.Path, ["--journal", "memory", "--admin-token", Token]);

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task Replies_come_back_typed_and_with_the_daemons_own_json()
    {
        using var client = Client(Token);

        var one = await client.SubmitAsync(Message("client-one"), CancellationToken.None);
        var batch = await client.SubmitBatchAsync([Message("client-two"), Message("client-three")], CancellationToken.None);
        var health = await client.HealthAsync(CancellationToken.None);
        var queues = await client.QueuesAsync(CancellationToken.None);
        var stats = await client.StatsAsync(CancellationToken.None);
        var sites = await client.SitesAsync(CancellationToken.None);
        var poison = await client.QueueMessagesAsync("poison", new QueueListingQuery { Limit = 5 }, CancellationToken.None);

        Assert.Equal("client-one", one.Value.Id);
        Assert.Equal("""{"id":"client-one"}""", one.Json);
        Assert.Equal(["client-two", "client-three"], batch.Value.Ids.AsEnumerable());
        Assert.Equal("ok", health.Value.Status);
        Assert.Contains(queues.Value, q => q.Name == "work-queue");
        Assert.Contains(queues.Value, q => q.Name == "local-store");
        Assert.True(stats.Value.Accepted >= 3, $"accepted {stats.Value.Accepted}");
        Assert.Contains(sites.Value, s => s.Name == "local-store");
        Assert.Equal("poison", poison.Value.Queue);
        Assert.Equal(0, poison.Value.Offset);
    }

    [Fact]
    public async Task A_refusal_carries_the_status_and_the_apis_reason()
    {
        using var client = Client(Token);

        var badSender = await Assert.ThrowsAsync<AdminApiException>(
            () => client.SubmitAsync(Message("client-bad") with { From = "not an address" }, CancellationToken.None));
        var unknownLink = await Assert.ThrowsAsync<AdminApiException>(
            () => client.SetFaultAsync("nowhere", new System.Text.Json.Nodes.JsonObject { ["kind"] = "down" }, CancellationToken.None));
        var unknownKind = await Assert.ThrowsAsync<AdminApiException>(
            () => client.ClearFaultsAsync("local-store", "lightning", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, badSender.Status);
        Assert.StartsWith("from: ", badSender.Reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownLink.Status);
        Assert.Equal("no link named 'nowhere'", unknownLink.Reason);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.Status);
        Assert.StartsWith("kind: unknown fault kind 'lightning'", unknownKind.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_token_every_api_call_is_401_with_a_reason_but_health_answers()
    {
        using var anonymous = Client(token: null);
        using var wrong = Client("not-the-token-at-all-0000");

        var withoutToken = await Assert.ThrowsAsync<AdminApiException>(() => anonymous.StatsAsync(CancellationToken.None));
        var wrongToken = await Assert.ThrowsAsync<AdminApiException>(() => wrong.SubmitAsync(Message("client-401"), CancellationToken.None));
        var health = await anonymous.HealthAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.Status);
        Assert.False(string.IsNullOrWhiteSpace(withoutToken.Reason));
        Assert.DoesNotContain("the daemon answered", withoutToken.Reason, StringComparison.Ordinal); // the API's own line
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.Status);
        Assert.Equal("ok", health.Value.Status);
    }

    [Fact]
    public async Task A_daemon_that_is_not_there_is_unreachable_and_nothing_was_sent()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        using var client = new MtaAdminClient(new DaemonEndpoint(url, Token));

        var e = await Assert.ThrowsAsync<DaemonUnreachableException>(() => client.SubmitBatchAsync([Message("client-nowhere")], CancellationToken.None));

        Assert.StartsWith($"cannot reach the daemon at http://127.0.0.1:{url.Port}: ", e.Message, StringComparison.Ordinal);
        Assert.True(e.NothingSent);
    }

    [Fact]
    public async Task A_daemon_that_accepts_but_never_answers_is_unreachable_after_the_call_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var client = new MtaAdminClient(new DaemonEndpoint(new Uri($"http://127.0.0.1:{port}"), Token), TimeSpan.FromSeconds(1));

        var e = await Assert.ThrowsAsync<DaemonUnreachableException>(() => client.StatsAsync(CancellationToken.None));

        Assert.Equal($"cannot reach the daemon at http://127.0.0.1:{port}: no answer within 1 s", e.Message);
        Assert.False(e.NothingSent);
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_an_unreachable_daemon()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var client = new MtaAdminClient(new DaemonEndpoint(new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"), Token), TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.StatsAsync(cancel.Token));
    }

    private MtaAdminClient Client(string? token) => new(new DaemonEndpoint(daemon.BaseAddress, token));

    private static SubmissionContract Message(string id) => new()
    {
        Id = id,
        From = "jsmith@london.contoso.com",
        To = ["mjones@london.contoso.com"],
        Subject = "typed client",
    };
}
