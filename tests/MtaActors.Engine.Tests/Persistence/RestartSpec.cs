using Akka.Actor;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Persistence;

/// <summary>
/// Restarts on a real SQLite journal (Q282780): secured queues keep their mail where it is; the work queue routes
/// everything else again against the topology it finds at start.
/// </summary>
public sealed class RestartSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _data = new();

    private async Task<(ActorSystem System, IMtaGateway Mta)> StartAsync(Topology topology)
    {
        var system = ActorSystem.Create("mta", AkkaConfigs.Sqlite(_data.File("mta.db")));
        var mta = await MtaEngine.StartAsync(system, new MtaEngineSettings { Topology = topology, DataDirectory = _data.Path }, CancellationToken.None);
        return (system, mta);
    }

    private static Task EventuallyAsync(Func<bool> condition) => EventuallyAsync(() => Task.FromResult(condition()));

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }

    private static long Delivered(IMtaGateway mta, string site) => mta.GetSites().SingleOrDefault(s => s.Name == site)?.Delivered ?? 0;

    [Fact]
    public async Task Secured_queue_message_stays_put_while_a_removed_links_message_is_rerouted()
    {
        var before = TestTopologies.Small();
        var (first, mta) = await StartAsync(before);
        mta.Faults.Set("x400-nyc", new HangFault());
        mta.Faults.Set("imc", new DownFault());
        await mta.SubmitAsync([TestMessages.Create("alice@lon.test", "erin@nyc.test"), TestMessages.Create("alice@lon.test", "frank@internet.test")], CancellationToken.None);
        await EventuallyAsync(() => mta.GetStatistics().Accepted == 2);
        await EventuallyAsync(async () => (await mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == "imc").Length == 1);
        await first.Terminate();

        // After the restart x400-nyc is gone (ras-nyc replaces it) and a cheaper, more specific direct link claims
        // internet.test: the secured message must still leave through imc, the other must find ras-nyc.
        var after = TestTopologies.Small(
            include: l => l.Name != "x400-nyc",
            extra:
            [
                TestTopologies.Link("ras-nyc", LinkKind.Ras, "NewYork", TestTopologies.FastRetry, TestTopologies.Space(AddressType.Smtp, "*@nyc.test", 1)),
                TestTopologies.Link("x400-direct", LinkKind.X400, "Direct", TestTopologies.FastRetry, TestTopologies.Space(AddressType.Smtp, "*@internet.test", 1)),
            ]);
        var (second, restarted) = await StartAsync(after);
        try
        {
            await EventuallyAsync(() => Delivered(restarted, "NewYork") == 1 && Delivered(restarted, "Internet") == 1);
            Assert.Equal(0, Delivered(restarted, "Direct"));
        }
        finally
        {
            await second.Terminate();
        }
    }

    [Fact]
    public async Task Accepted_message_is_delivered_once_after_a_restart_before_delivery()
    {
        var (first, mta) = await StartAsync(TestTopologies.Small());
        mta.Faults.Set("x400-par", new HangFault());
        mta.Faults.Set("site-par", new HangFault());
        await mta.SubmitAsync([TestMessages.Create(new MessageDraft { Id = "restart-1", From = "alice@lon.test", To = ["carol@par.test", "bob@lon.test"] })], CancellationToken.None);
        await EventuallyAsync(() => Delivered(mta, "local-store") == 1);
        await first.Terminate();

        var (second, restarted) = await StartAsync(TestTopologies.Small());
        try
        {
            await EventuallyAsync(() => Delivered(restarted, "Paris") == 1);
            await Task.Delay(300);
            var local = restarted.GetSites().Single(s => s.Name == "local-store");
            Assert.Equal(1, local.Delivered);
            Assert.Equal(1, local.Distinct);
        }
        finally
        {
            await second.Terminate();
        }
    }

    public void Dispose() => _data.Dispose();
}
