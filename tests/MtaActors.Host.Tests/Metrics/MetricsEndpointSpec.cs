using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Metrics;

/// <summary><c>GET /metrics</c> of the real daemon, on the sample topology, scraped as Prometheus would.</summary>
public sealed class MetricsEndpointSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Metrics_show_deliveries_per_link_queues_link_states_faults_failures_and_the_runtime()
    {
        await using var daemon = await DaemonProcess.StartAsync(_data.Path);

        // The new read-only edges answer garbage as the rest of the API does: JSON errors, never 5xx.
        using (var post = await daemon.Http.PostAsync(new Uri("/metrics", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
            Assert.Contains("\"error\"", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var unknown = await daemon.Http.GetAsync(new Uri("/api/messages/no-such-id/track", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("{\"error\":\"no tracking entries for message no-such-id\"}", await unknown.Content.ReadAsStringAsync());
        }

        using (var query = await daemon.Http.GetAsync(new Uri("/api/messages/x/track?since=1", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        }

        using (var file = await daemon.Http.GetAsync(new Uri("/console/..%2F..%2Fetc%2Fpasswd", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        }

        // Before any mail: every link's totals exist at zero, so a rate over them is defined from the start.
        var idle = await ScrapeAsync(daemon);
        Assert.Equal(0, idle.Value("""mta_messages_delivered_total{link="x400-paris"}"""));
        Assert.Equal(0, idle.Value("mta_messages_accepted_total"));

        using (var put = await daemon.Http.PutAsJsonAsync(new Uri("/api/links/x400-paris/faults", UriKind.Relative), new { kind = "down" }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var post = await daemon.Http.PostAsJsonAsync(
            new Uri("/api/messages", UriKind.Relative),
            new { from = "jsmith@london.contoso.com", to = new[] { "mjones@london.contoso.com", "pdupont@paris.contoso.com" }, subject = "hello" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        }

        var failing = await EventuallyAsync(daemon, m => m.Value("""mta_transfer_failures_total{link="x400-paris",cause="refused"}""") >= 1
            && m.Value("""mta_messages_delivered_total{link="local-store"}""") == 1);
        Assert.Equal(1, failing.Value("mta_messages_accepted_total"));
        Assert.Equal(1, failing.Value("""mta_faults_active{link="x400-paris",kind="down"}"""));
        Assert.Equal(0, failing.Value("""mta_faults_active{link="site-paris",kind="down"}"""));
        Assert.True(failing.Value("""mta_transfer_attempts_total{link="x400-paris"}""") >= 1);

        // Queue gauges: the work queue first, then every link's queue and the poison queue.
        var lengths = failing.Of("mta_queue_length");
        Assert.Equal("work-queue", lengths[0].Labels["queue"]);
        Assert.Contains(lengths, l => l.Labels["queue"] == "poison");
        Assert.NotEmpty(failing.Of("mta_queue_oldest_age_seconds"));

        // Each link is in exactly one state; the faulted one is not up.
        var states = failing.Of("mta_link_state");
        Assert.All(states.GroupBy(s => s.Labels["link"]), link => Assert.Equal(1, link.Sum(s => s.Value)));
        Assert.Equal(lengths.Count - 2, states.GroupBy(s => s.Labels["link"]).Count());
        Assert.Equal(0, failing.Value("""mta_link_state{link="x400-paris",state="up"}"""));

        Assert.Equal("histogram", failing.TypesByFamily["mta_transfer_duration_seconds"]);
        Assert.True(failing.Value("""mta_transfer_duration_seconds_count{link="local-store"}""") >= 1);
        Assert.True(failing.Value("mta_delivery_latency_seconds_count") >= 1);
        Assert.True(failing.Value("""mta_journal_write_messages_count{queue="work-queue"}""") >= 1);
        Assert.NotNull(failing.Value("system_runtime_dotnet_thread_pool_queue_length"));

        using (var delete = await daemon.Http.DeleteAsync(new Uri("/api/links/x400-paris/faults", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        // Paris gets its copy once the fault is gone (through x400-paris, or site-paris if the link went down and
        // handed it back), and the totals agree with /api/stats.
        var done = await EventuallyAsync(daemon, m => m.Of("mta_messages_delivered_total").Sum(s => s.Value) == 2);
        Assert.Equal(0, done.Value("""mta_faults_active{link="x400-paris",kind="down"}"""));
        var stats = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative));
        Assert.Equal(stats.GetProperty("delivered").GetInt64(), done.Of("mta_messages_delivered_total").Sum(s => s.Value));
        Assert.Equal(stats.GetProperty("rerouted").GetInt64(), done.Of("mta_messages_rerouted_total").Sum(s => s.Value));
    }

    [Fact]
    public async Task After_a_known_load_counters_agree_with_api_stats_and_queue_gauges_with_api_queues()
    {
        await using var daemon = await DaemonProcess.StartAsync(_data.Path);

        // Disabled, the MTA holds outbound mail in the work queue; local mail is still delivered.
        using (var disable = await daemon.Http.PostAsJsonAsync(new Uri("/api/mta/disable", UriKind.Relative), new { reason = "metrics spec" }))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        using (var post = await daemon.Http.PostAsJsonAsync(
            new Uri("/api/messages/batch", UriKind.Relative),
            Enumerable.Range(0, 12).Select(i => new { from = "jsmith@london.contoso.com", to = new[] { i % 3 == 0 ? "mjones@london.contoso.com" : "pdupont@paris.contoso.com" }, subject = $"m{i}" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        }

        var scrape = await EventuallyAsync(daemon, m => m.Value("mta_messages_delivered_total{link=\"local-store\"}") == 4
            && m.Value("mta_queue_length{queue=\"work-queue\"}") == 8);
        var stats = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative));
        Assert.Equal(stats.GetProperty("accepted").GetInt64(), scrape.Value("mta_messages_accepted_total"));
        Assert.Equal(stats.GetProperty("delivered").GetInt64(), scrape.Of("mta_messages_delivered_total").Sum(s => s.Value));
        Assert.Equal(stats.GetProperty("nonDelivered").GetInt64(), scrape.Of("mta_messages_non_delivered_total").Sum(s => s.Value));
        Assert.Equal(stats.GetProperty("workQueueLength").GetInt64(), scrape.Value("mta_queue_length{queue=\"work-queue\"}"));

        // Every queue's gauge and state as GET /api/queues shows it (the board is at most a second behind; nothing moves now).
        var queues = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/queues", UriKind.Relative));
        foreach (var queue in queues.EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString()!;
            Assert.Equal(queue.GetProperty("length").GetInt32(), scrape.Value($"mta_queue_length{{queue=\"{name}\"}}"));
            if (queue.GetProperty("kind").GetString() is not ("work-queue" or "poison"))
            {
                Assert.Equal(1, scrape.Value($"mta_link_state{{link=\"{name}\",state=\"{queue.GetProperty("state").GetString()}\"}}"));
            }
        }
    }

    public void Dispose() => _data.Dispose();

    private static async Task<PrometheusText> ScrapeAsync(DaemonProcess daemon)
    {
        using var response = await daemon.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<PrometheusText> EventuallyAsync(DaemonProcess daemon, Func<PrometheusText, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var scrape = await ScrapeAsync(daemon);
            if (condition(scrape))
            {
                return scrape;
            }

            Assert.True(DateTime.UtcNow < deadline, "condition not met in time; last scrape:\n" + string.Join('\n', scrape.Samples.Where(s => s.Name.StartsWith("mta_", StringComparison.Ordinal) && !s.Name.EndsWith("_bucket", StringComparison.Ordinal)).Select(s => $"{s.Series} {s.Value}")));
            await Task.Delay(200);
        }
    }
}
