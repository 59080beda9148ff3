using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>
/// An id is a promise (issue 10, class 1), through the whole engine: the same id with the same content is answered as a
/// duplicate, delivered once and counted once; with other content it is refused, never acknowledged and dropped.
/// </summary>
public sealed class IdPromiseSpec : InMemoryEngineTestKit
{
    private static MessageDraft Draft(string id, params string[] to) => new() { Id = id, From = "alice@lon.test", To = [.. to] };

    private static SiteCounters Site(IMtaGateway mta, string name) => mta.GetSites().Single(s => s.Name == name);

    private async Task EventuallyAsync(Func<bool> condition) => await AwaitConditionAsync(() => Task.FromResult(condition()), Patience);

    [Fact]
    public async Task Queued_id_resubmitted_with_the_same_content_is_a_duplicate_counted_once()
    {
        var mta = await StartAsync();
        mta.Faults.Set("x400-nyc", new HangFault());

        Assert.Equal(SubmissionOutcome.Accepted, (await SendAsync(mta, Draft("q-1", "erin@nyc.test")))[0].Outcome);
        var again = await SendAsync(mta, Draft("q-1", "erin@nyc.test"));

        Assert.Equal(new SubmittedMessage("q-1", SubmissionOutcome.Duplicate), again[0]);
        Assert.Equal(1, mta.GetStatistics().Accepted);
        Assert.Equal(1, mta.GetStatistics().SubmissionsDeduplicated);
    }

    [Fact]
    public async Task Queued_id_resubmitted_with_other_recipients_is_refused_naming_the_id()
    {
        var mta = await StartAsync();
        mta.Faults.Set("x400-nyc", new HangFault());
        await SendAsync(mta, Draft("q-2", "erin@nyc.test"));

        var other = await SendAsync(mta, Draft("q-2", "bob@lon.test"));

        Assert.Equal(SubmissionOutcome.Conflict, other[0].Outcome);
        Assert.Contains("'q-2'", other[0].Reason, StringComparison.Ordinal);
        Assert.Equal(1, mta.GetStatistics().Accepted);
        Assert.Equal(0, mta.GetStatistics().SubmissionsDeduplicated);
    }

    [Fact]
    public async Task Delivered_id_resubmitted_is_a_duplicate_not_delivered_again_and_not_accepted_again()
    {
        var mta = await StartAsync();
        await SendAsync(mta, Draft("d-1", "bob@lon.test"));
        await EventuallyAsync(() => Site(mta, "local-store").Delivered == 1);

        var again = await SendAsync(mta, Draft("d-1", "bob@lon.test"));
        var other = await SendAsync(mta, Draft("d-1", "carol@par.test"));

        Assert.Equal(SubmissionOutcome.Duplicate, again[0].Outcome);
        Assert.Equal(SubmissionOutcome.Conflict, other[0].Outcome);
        Assert.Contains("finished at", other[0].Reason, StringComparison.Ordinal);
        await SendAsync(mta, Draft("d-2", "bob@lon.test"));
        await EventuallyAsync(() => Site(mta, "local-store").Delivered == 2);
        Assert.Equal(2, Site(mta, "local-store").Received);
        Assert.Equal(0, Site(mta, "Paris").Received);
        Assert.Equal(2, mta.GetStatistics().Accepted);
        Assert.Equal(1, mta.GetStatistics().SubmissionsDeduplicated);
    }

    [Fact]
    public async Task Submissions_of_one_id_racing_each_other_accept_it_once_and_refuse_other_content()
    {
        var mta = await StartAsync();
        mta.Faults.Set("x400-nyc", new HangFault());
        var same = Enumerable.Range(0, 5).Select(_ => SendAsync(mta, Draft("race-1", "erin@nyc.test"))).ToList();
        var other = SendAsync(mta, Draft("race-1", "bob@lon.test"));

        var outcomes = (await Task.WhenAll(same)).Select(r => r[0].Outcome).ToList();

        Assert.Equal(1, outcomes.Count(o => o == SubmissionOutcome.Accepted));
        Assert.Equal(4, outcomes.Count(o => o == SubmissionOutcome.Duplicate));
        Assert.Equal(SubmissionOutcome.Conflict, (await other)[0].Outcome);
        Assert.Equal(1, mta.GetStatistics().Accepted);
        Assert.Equal(4, mta.GetStatistics().SubmissionsDeduplicated);
    }

    [Fact]
    public async Task Batch_repeating_an_id_with_other_content_is_refused_whole()
    {
        var mta = await StartAsync();

        var results = await mta.SubmitAsync(
            [TestMessages.Create(Draft("b-1", "bob@lon.test")), TestMessages.Create(Draft("b-2", "bob@lon.test")), TestMessages.Create(Draft("b-1", "carol@par.test"))],
            CancellationToken.None);

        Assert.Equal([SubmissionOutcome.NotAccepted, SubmissionOutcome.NotAccepted, SubmissionOutcome.Conflict], results.Select(r => r.Outcome));
        Assert.Equal(0, mta.GetStatistics().Accepted);
        // Nothing of it was kept: b-2 is still a free id, and takes any content.
        Assert.Equal(SubmissionOutcome.Accepted, (await SendAsync(mta, Draft("b-2", "carol@par.test")))[0].Outcome);
    }

    [Fact]
    public async Task Batch_repeating_an_identical_message_delivers_it_once()
    {
        var mta = await StartAsync();

        var results = await mta.SubmitAsync([TestMessages.Create(Draft("r-1", "bob@lon.test")), TestMessages.Create(Draft("r-1", "bob@lon.test"))], CancellationToken.None);

        Assert.Equal([SubmissionOutcome.Accepted, SubmissionOutcome.Duplicate], results.Select(r => r.Outcome));
        await EventuallyAsync(() => Site(mta, "local-store").Delivered == 1);
        await SendAsync(mta, Draft("r-2", "bob@lon.test"));
        await EventuallyAsync(() => Site(mta, "local-store").Delivered == 2);
        Assert.Equal(2, Site(mta, "local-store").Received);
        Assert.Equal(2, mta.GetStatistics().Accepted);
        Assert.Equal(1, mta.GetStatistics().SubmissionsDeduplicated);
    }

    [Fact]
    public async Task Different_message_under_an_id_that_left_the_window_reaches_every_recipient()
    {
        var mta = await StartAsync(WithoutIdWindow());
        await SendAsync(mta, Draft("w-1", "bob@lon.test", "carol@par.test") with { Body = "first" });
        await EventuallyAsync(() => Site(mta, "local-store").Delivered == 1 && Site(mta, "Paris").Delivered == 1);

        // Once the work queue has finished w-1 (a refusal until then is not journaled) it forgets it and accepts
        // another message under it: the sinks must not drop that one.
        await AcceptedOnceFinishedAsync(mta, Draft("w-1", "bob@lon.test", "carol@par.test") with { Body = "second, other content" });
        await EventuallyAsync(() => Site(mta, "local-store").Received == 2 && Site(mta, "Paris").Received == 2);
        Assert.Equal(2, Site(mta, "local-store").Delivered);
        Assert.Equal(2, Site(mta, "Paris").Delivered);
        Assert.Equal(0, Site(mta, "local-store").DuplicatesSuppressed + Site(mta, "Paris").DuplicatesSuppressed);
    }

    [Fact]
    public async Task Same_content_resubmitted_after_its_id_left_the_window_is_delivered_once()
    {
        var mta = await StartAsync(WithoutIdWindow());
        await SendAsync(mta, Draft("w-2", "bob@lon.test", "carol@par.test") with { Body = "once" });
        await EventuallyAsync(() => Site(mta, "local-store").Delivered == 1 && Site(mta, "Paris").Delivered == 1);

        // Past the window the work queue takes it as new; the receivers recognise the content they already have.
        await AcceptedOnceFinishedAsync(mta, Draft("w-2", "bob@lon.test", "carol@par.test") with { Body = "once" });
        await EventuallyAsync(() => Site(mta, "local-store").Received == 2 && Site(mta, "Paris").Received == 2);
        Assert.Equal(1, Site(mta, "local-store").Delivered);
        Assert.Equal(1, Site(mta, "Paris").Delivered);
        Assert.Equal(1, Site(mta, "local-store").DuplicatesSuppressed);
        Assert.Equal(1, Site(mta, "Paris").DuplicatesSuppressed);
    }

    /// <summary>Submits until accepted: a duplicate or a conflict answered while the id is still known journals nothing.</summary>
    private async Task AcceptedOnceFinishedAsync(IMtaGateway mta, MessageDraft draft)
        => await AwaitConditionAsync(async () => (await SendAsync(mta, draft))[0].Outcome == SubmissionOutcome.Accepted, Patience);

    /// <summary>A window of no ids: a finished id is forgotten at once, as the 100,000-id window forgets at high rates.</summary>
    private static Topology WithoutIdWindow()
    {
        var topology = TestTopologies.Small();
        return topology with { Routing = topology.Routing with { IdWindowSize = 0 } };
    }
}
