using MtaActors.Core.Addressing;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Links;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>
/// KB924567 in the whole engine: hundreds of flushes against a hung or suspended link are each answered within their
/// bound, and local delivery completes meanwhile (the local store has its own queue and session).
/// </summary>
public sealed class FlushStormSpec : InMemoryEngineTestKit
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_hundred_flushes_on_a_stuck_link_do_not_stop_local_delivery(bool suspended)
    {
        var mta = await StartAsync();
        mta.Faults.Set("x400-nyc", new HangFault());
        await mta.SubmitAsync([TestMessages.Create("alice@lon.test", "dave@nyc.test")], CancellationToken.None);
        // The flushes must find the message on the link, not still in the work queue on its way there.
        await AwaitConditionAsync(async () => (await mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == "x400-nyc").Length == 1, Patience);
        if (suspended)
        {
            await mta.SuspendAsync("x400-nyc", "test", CancellationToken.None);
        }

        var bound = TimeSpan.FromMilliseconds(400);
        var flushes = Enumerable.Range(0, 200)
            .Select(_ => mta.FlushAsync("x400-nyc", Address.Parse("dave@nyc.test"), bound, CancellationToken.None))
            .ToList();
        var local = Enumerable.Range(0, 50).Select(i => TestMessages.Create("carol@par.test", i % 2 == 0 ? "alice@lon.test" : "bob@lon.test")).ToList();
        await mta.SubmitAsync(local, CancellationToken.None);

        await AwaitConditionAsync(() => Task.FromResult(mta.GetSites().Single(s => s.Name == "local-store").Distinct == 50), TimeSpan.FromSeconds(15));
        var reports = await Task.WhenAll(flushes).WaitAsync(TimeSpan.FromSeconds(10));
        // A suspended link answers "disabled" at once; a hung one either outlasts the bound ("timeout") or its transfer
        // timeout fires first ("failed"), or it is between attempts ("down"). Never "empty": the message is there.
        var allowed = suspended ? new[] { FlushOutcomes.Disabled } : new[] { FlushOutcomes.Timeout, FlushOutcomes.Failed, FlushOutcomes.Down };
        Assert.All(reports, report => Assert.Contains(report.Outcome, allowed));
        Assert.Equal(0, mta.GetSites().Single(s => s.Name == "NewYork").Delivered);
    }
}
