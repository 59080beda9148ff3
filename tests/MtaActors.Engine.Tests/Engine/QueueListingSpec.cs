using Akka.TestKit.Xunit2;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Engine.Queues;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>Listing what a queue holds (issue 6's <c>mta queue list</c>), from the real engine's queues.</summary>
public sealed class QueueListingSpec : TestKit, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _data = new();

    public QueueListingSpec() : base(AkkaConfigs.InMemory()) { }

    private Task<IMtaGateway> StartAsync(Topology? topology = null)
        => MtaEngine.StartAsync(Sys, new MtaEngineSettings { Topology = topology ?? TestTopologies.Small(), DataDirectory = _data.Path, Journal = JournalKind.Memory }, CancellationToken.None);

    private static Task SendAsync(IMtaGateway mta, MessageDraft draft) => mta.SubmitAsync([TestMessages.Create(draft)], CancellationToken.None);

    private static Task<QueueListing> ListAsync(IMtaGateway mta, string queue, MessageFilter? filter = null, int offset = 0, int limit = 100)
        => mta.ListMessagesAsync(queue, new ListQueue(filter ?? MessageFilter.Any, offset, limit), CancellationToken.None);

    [Fact]
    public async Task Secured_link_that_is_down_lists_its_messages_filtered_and_paged()
    {
        var mta = await StartAsync();
        mta.Faults.Set("imc", new DownFault());
        await SendAsync(mta, new MessageDraft { Id = "m-1", From = "alice@lon.test", To = ["x@internet.test"] });
        await SendAsync(mta, new MessageDraft { Id = "m-2", From = "alice@lon.test", To = ["y@internet.test"], Priority = Priority.Urgent });
        await SendAsync(mta, new MessageDraft { Id = "m-3", From = "bob@lon.test", To = ["z@internet.test"], Class = MessageClass.LinkMonitor });

        // Urgent mail goes first, so the failed attempts pile up on m-2; every message waits for the link.
        await AwaitConditionAsync(
            async () => (await ListAsync(mta, "imc")).Messages is { Length: 3 } held
                        && held.All(m => m.State == QueuedMessageStates.Retrying) && held.Any(m => m.Attempts > 0),
            Patience);

        var all = await ListAsync(mta, "imc");
        Assert.Equal(3, all.Total);
        Assert.Equal(["m-1", "m-2", "m-3"], all.Messages.Select(m => m.Id).Order());
        var urgent = Assert.Single(all.Messages, m => m.Id == "m-2");
        Assert.Equal(Priority.Urgent, urgent.Priority);
        Assert.Equal("alice@lon.test", urgent.From);
        Assert.Equal(["y@internet.test"], urgent.Recipients.AsEnumerable());

        Assert.Equal(["m-3"], (await ListAsync(mta, "imc", new MessageFilter(Sender: "BOB@")))!.Messages.Select(m => m.Id));
        Assert.Equal(["m-1"], (await ListAsync(mta, "imc", new MessageFilter(Recipient: "x@internet")))!.Messages.Select(m => m.Id));
        Assert.Equal(["m-3"], (await ListAsync(mta, "imc", new MessageFilter(Class: MessageClass.LinkMonitor)))!.Messages.Select(m => m.Id));
        Assert.Empty((await ListAsync(mta, "imc", new MessageFilter(MinAge: TimeSpan.FromHours(1)))).Messages);

        var page = await ListAsync(mta, "imc", offset: 1, limit: 1);
        Assert.Equal(3, page.Total);
        Assert.Equal(all.Messages[1].Id, Assert.Single(page.Messages).Id);
    }

    [Fact]
    public async Task Work_queue_lists_mail_waiting_for_a_route_and_deferred_mail()
    {
        var mta = await StartAsync(TestTopologies.Small(include: l => l.Name != "imc"));
        mta.Faults.Set("x400-nyc", new DownFault());
        await SendAsync(mta, new MessageDraft { Id = "w-1", From = "alice@lon.test", To = ["erin@nyc.test"] });
        await SendAsync(mta, new MessageDraft { Id = "d-1", From = "alice@lon.test", To = ["bob@lon.test"], DeferredUntil = DateTimeOffset.UtcNow.AddHours(1) });

        await AwaitConditionAsync(async () => (await ListAsync(mta, "work-queue")).Total == 2, Patience);

        var listing = await ListAsync(mta, "WORK-QUEUE");
        Assert.Equal("work-queue", listing.Queue);
        Assert.Equal(QueuedMessageStates.WaitingForRoute, listing.Messages.Single(m => m.Id == "w-1").State);
        Assert.Equal(["erin@nyc.test"], listing.Messages.Single(m => m.Id == "w-1").Recipients.AsEnumerable());
        Assert.Equal(QueuedMessageStates.Deferred, listing.Messages.Single(m => m.Id == "d-1").State);
        Assert.Empty((await ListAsync(mta, "local-store")).Messages);
    }

    [Fact]
    public async Task Unknown_queue_is_refused()
    {
        var mta = await StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => ListAsync(mta, "nowhere"));
    }
}
