using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>The whole engine in one actor system: real link actors, simulated sites with durable logs, in-memory journal.</summary>
public sealed class EngineSpec : InMemoryEngineTestKit
{
    private static Task<ImmutableArray<SubmittedMessage>> SendAsync(IMtaGateway mta, string from, params string[] to)
        => SendAsync(mta, new MessageDraft { From = from, To = [.. to] });

    private static long Delivered(IMtaGateway mta, string site) => mta.GetSites().Single(s => s.Name == site).Delivered;

    private async Task EventuallyAsync(Func<bool> condition) => await AwaitConditionAsync(() => Task.FromResult(condition()), Patience);

    [Fact]
    public async Task Local_recipient_is_delivered_to_the_local_store()
    {
        var mta = await StartAsync();

        await SendAsync(mta, "carol@par.test", "alice@lon.test");

        await EventuallyAsync(() => Delivered(mta, "local-store") == 1);
        Assert.Equal(1, mta.GetStatistics().Accepted);
    }

    [Fact]
    public async Task Distribution_list_expands_to_local_and_remote_members()
    {
        var mta = await StartAsync();

        await SendAsync(mta, "dave@nyc.test", "team@lon.test");

        await EventuallyAsync(() => Delivered(mta, "local-store") == 2 && Delivered(mta, "Paris") == 1);
    }

    [Theory]
    [InlineData("zed@lon.test", "unknown local recipient")]
    [InlineData("not an address", "malformed address")]
    public async Task Undeliverable_recipient_gets_a_report_to_the_originator(string recipient, string because)
    {
        var mta = await StartAsync();

        await SendAsync(mta, "alice@lon.test", recipient, "bob@lon.test");

        await EventuallyAsync(() => Delivered(mta, "local-store") == 2);
        Assert.True(mta.GetStatistics().NonDelivered == 1, because);
    }

    [Fact]
    public async Task Address_no_link_claims_gets_a_report()
    {
        var mta = await StartAsync(TestTopologies.Small(include: l => l.Name != "imc"));

        await SendAsync(mta, "alice@lon.test", "someone@elsewhere.test");

        await EventuallyAsync(() => Delivered(mta, "local-store") == 1);
        Assert.Equal(1, mta.GetStatistics().NonDelivered);
    }

    [Fact]
    public async Task Expired_message_gets_a_report_instead_of_delivery()
    {
        var mta = await StartAsync();

        await SendAsync(mta, new MessageDraft { From = "alice@lon.test", To = ["carol@par.test"], ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        await EventuallyAsync(() => Delivered(mta, "local-store") == 1);
        Assert.Equal(0, Delivered(mta, "Paris"));
    }

    [Fact]
    public async Task Looping_message_gets_a_report_instead_of_another_hop()
    {
        var mta = await StartAsync();
        var hop = new Hop("PAR", "Paris", DateTimeOffset.UtcNow);

        await SendAsync(mta, new MessageDraft { From = "alice@lon.test", To = ["carol@par.test"], Trace = [hop, hop, hop, hop, hop] });

        await EventuallyAsync(() => Delivered(mta, "local-store") == 1);
        Assert.Equal(0, Delivered(mta, "Paris"));
    }

    [Fact]
    public async Task Report_to_a_remote_originator_travels_over_a_link()
    {
        var mta = await StartAsync();

        await SendAsync(mta, "carol@par.test", "zed@lon.test");

        await EventuallyAsync(() => Delivered(mta, "Paris") == 1);
    }

    [Fact]
    public async Task Deferred_message_waits_in_the_work_queue_until_due()
    {
        var mta = await StartAsync();

        await SendAsync(mta, new MessageDraft { From = "carol@par.test", To = ["alice@lon.test"], DeferredUntil = DateTimeOffset.UtcNow.AddSeconds(1.5) });

        await EventuallyAsync(() => mta.GetStatistics().WorkQueueLength == 1);
        Assert.Equal(0, Delivered(mta, "local-store"));
        await EventuallyAsync(() => Delivered(mta, "local-store") == 1);
    }

    [Fact]
    public async Task Primary_route_is_used_while_it_is_up()
    {
        var mta = await StartAsync();
        mta.Faults.Set("site-par", new DownFault());

        await SendAsync(mta, "alice@lon.test", "carol@par.test");

        await EventuallyAsync(() => Delivered(mta, "Paris") == 1);
        Assert.Equal(0, mta.GetStatistics().Rerouted);
    }

    [Fact]
    public async Task Alternate_route_carries_the_queue_of_a_link_that_went_down()
    {
        var mta = await StartAsync();
        mta.Faults.Set("x400-par", new DownFault());

        await SendAsync(mta, "alice@lon.test", "carol@par.test", "dan@par.test");

        await EventuallyAsync(() => Delivered(mta, "Paris") == 2);
        Assert.Equal(2, mta.GetStatistics().Rerouted);
        var queues = await mta.GetQueuesAsync(CancellationToken.None);
        Assert.Equal("down", queues.Single(q => q.Name == "x400-par").State);
    }

    [Fact]
    public async Task Mail_waits_in_the_work_queue_while_its_only_route_is_down_and_leaves_when_it_returns()
    {
        var mta = await StartAsync(TestTopologies.Small(include: l => l.Name != "imc"));
        mta.Faults.Set("x400-nyc", new DownFault());

        await SendAsync(mta, "alice@lon.test", "erin@nyc.test");
        await EventuallyAsync(() => mta.GetStatistics().WorkQueueLength == 1);

        mta.Faults.Clear("x400-nyc");

        await EventuallyAsync(() => Delivered(mta, "NewYork") == 1);
        Assert.Equal(0, mta.GetStatistics().WorkQueueLength);
    }

    [Fact]
    public async Task Hung_link_holds_only_its_own_messages()
    {
        var mta = await StartAsync();
        mta.Faults.Set("x400-nyc", new HangFault());

        await SendAsync(mta, "alice@lon.test", "erin@nyc.test");
        for (var i = 0; i < 20; i++)
        {
            await SendAsync(mta, "alice@lon.test", $"user{i}@par.test", "bob@lon.test");
        }

        await EventuallyAsync(() => Delivered(mta, "Paris") == 20 && Delivered(mta, "local-store") == 20);
        Assert.Equal(0, Delivered(mta, "NewYork"));
        await AwaitConditionAsync(async () => (await mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == "x400-nyc").State != "up", Patience);
    }

    [Theory]
    [InlineData("corrupt")]
    [InlineData("reset")]
    [InlineData("error-rate")]
    [InlineData("latency")]
    [InlineData("bandwidth")]
    [InlineData("flap")]
    public async Task Transient_faults_delay_delivery_but_lose_nothing_and_deliver_nothing_twice(string kind)
    {
        var mta = await StartAsync(TestTopologies.Small(retry: TestTopologies.FastRetry with { MaxOpenRetries = 1000 }));
        FaultSpec fault = kind switch
        {
            "corrupt" => new CorruptFault(0.5),
            "reset" => new ResetFault(0.5),
            "latency" => new LatencyFault(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10)),
            "bandwidth" => new BandwidthFault(100_000),
            "flap" => new FlapFault(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(200)),
            _ => new ErrorRateFault(0.5),
        };
        mta.Faults.Set("x400-par", fault);

        for (var i = 0; i < 30; i++)
        {
            await SendAsync(mta, "alice@lon.test", $"user{i}@par.test");
        }

        await EventuallyAsync(() => Delivered(mta, "Paris") == 30);
        var paris = mta.GetSites().Single(s => s.Name == "Paris");
        Assert.Equal(paris.Distinct, paris.Delivered);
    }

    [Fact]
    public async Task Resubmitting_a_pending_id_does_not_create_a_second_copy()
    {
        var mta = await StartAsync();
        mta.Faults.Set("x400-nyc", new HangFault());
        var draft = new MessageDraft { Id = "fixed-id-1", From = "alice@lon.test", To = ["erin@nyc.test"] };

        await SendAsync(mta, draft);
        await SendAsync(mta, draft);

        Assert.Equal(1, mta.GetStatistics().Accepted);
    }
}
