using System.Text.Json;

namespace MtaActors.Host.Tests.Bench;

/// <summary>Real in-process runs of <c>mta bench</c> (actor engine or synchronous baseline) read through their JSON report.</summary>
public sealed class BenchRunSpec
{
    [Fact]
    public async Task Tiny_in_memory_run_reports_every_message_delivered()
    {
        var run = await CliRun.InvokeAsync("bench", "--messages", "200", "--links", "3", "--batch", "20", "--priority-mix", "1:8:1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        var figures = report.RootElement.GetProperty("run");
        Assert.Equal(200, figures.GetProperty("accepted").GetInt64());
        Assert.Equal(200, figures.GetProperty("delivered").GetInt64());
        Assert.Equal(200, figures.GetProperty("sitesRecorded").GetInt64());
        Assert.Equal(200, figures.GetProperty("latency").GetProperty("count").GetInt64());
        Assert.True(figures.GetProperty("healthyComplete").GetBoolean());
        Assert.Equal([67, 67, 66], figures.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("delivered").GetInt32()));
        Assert.All(figures.GetProperty("links").EnumerateArray(), l => Assert.Equal("up", l.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Hung_link_keeps_its_own_messages_and_the_others_deliver_everything()
    {
        var run = await CliRun.InvokeAsync("bench", "--messages", "300", "--links", "3", "--fault", "site-2:hang", "--transfer-timeout", "200", "--timeout", "30", "--json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        var figures = report.RootElement.GetProperty("run");
        var links = figures.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
        Assert.Equal(0, links["site-2"].GetProperty("delivered").GetInt32());
        Assert.Contains(links["site-2"].GetProperty("state").GetString(), new[] { "retrying", "down" });
        Assert.Equal(100, links["x400-1"].GetProperty("delivered").GetInt32());
        Assert.Equal(100, links["ras-3"].GetProperty("delivered").GetInt32());
        Assert.Equal(200, figures.GetProperty("healthyDelivered").GetInt64());
        Assert.True(figures.GetProperty("healthyComplete").GetBoolean());
    }

    [Fact]
    public async Task Every_link_down_holds_the_whole_load_and_reports_the_memory_per_queued_message()
    {
        var run = await CliRun.InvokeAsync("bench", "--messages", "300", "--links", "3", "--fault", "*:down", "--transfer-timeout", "200", "--timeout", "30", "--json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal(["*:down"], report.RootElement.GetProperty("settings").GetProperty("faults").EnumerateArray().Select(f => f.GetString()));
        var figures = report.RootElement.GetProperty("run");
        Assert.Equal(300, figures.GetProperty("accepted").GetInt64());
        Assert.Equal(0, figures.GetProperty("delivered").GetInt64());
        Assert.All(figures.GetProperty("links").EnumerateArray(), l => Assert.True(l.GetProperty("faulted").GetBoolean()));
        var queued = figures.GetProperty("queuedAtEnd");
        Assert.Equal(300, queued.GetProperty("messages").GetInt32());
        // Reported (in-process runs measure the heap); its size is the benchmark's business: other specs share this
        // process's heap, so here its sign is noise.
        Assert.Equal(JsonValueKind.Number, queued.GetProperty("heapGrowthBytes").ValueKind);
    }

    [Fact]
    public async Task Synchronous_baseline_stalls_healthy_links_behind_a_hung_one_where_the_actor_engine_does_not()
    {
        // 10 of the 30 messages wait out a 1 s transfer timeout each, one after another, so the synchronous loop
        // cannot reach every healthy message within 3 s; the actor engine gets the same load and the same bound.
        string[] args = ["bench", "--messages", "30", "--links", "3", "--fault", "site-2:hang", "--transfer-timeout", "1000", "--timeout", "3", "--json"];

        var sync = await CliRun.InvokeAsync([.. args, "--engine", "sync"]);
        var actor = await CliRun.InvokeAsync(args);

        Assert.Equal(1, sync.ExitCode);
        using var syncReport = JsonDocument.Parse(sync.Out);
        var stalled = syncReport.RootElement.GetProperty("run");
        Assert.True(stalled.GetProperty("timedOut").GetBoolean());
        Assert.True(stalled.GetProperty("healthyDelivered").GetInt64() < stalled.GetProperty("healthyExpected").GetInt64());
        Assert.Equal(0, actor.ExitCode);
        using var actorReport = JsonDocument.Parse(actor.Out);
        Assert.Equal(20, actorReport.RootElement.GetProperty("run").GetProperty("healthyDelivered").GetInt64());
    }

    [Fact]
    public async Task Compare_reports_the_healthy_links_side_by_side_with_the_sync_baseline()
    {
        var run = await CliRun.InvokeAsync(
            "bench", "--messages", "60", "--links", "3", "--fault", "site-2:hang", "--compare", "--baseline", "sync",
            "--transfer-timeout", "500", "--timeout", "2", "--json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        var engines = report.RootElement.GetProperty("comparisons").EnumerateArray().ToDictionary(c => c.GetProperty("engine").GetString()!);
        Assert.Equal(["actor", "sync"], engines.Keys);
        var actorPair = engines["actor"].GetProperty("pairs")[0];
        Assert.Equal(40, actorPair.GetProperty("noFault").GetProperty("healthyDelivered").GetInt64());
        Assert.Equal(40, actorPair.GetProperty("withFault").GetProperty("healthyDelivered").GetInt64());
        Assert.Equal(60, actorPair.GetProperty("noFault").GetProperty("delivered").GetInt64());
        Assert.Equal(["x400-1", "ras-3"], actorPair.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("link").GetString()));
        Assert.True(engines["sync"].GetProperty("pairs")[0].GetProperty("withFault").GetProperty("timedOut").GetBoolean());
    }
}
