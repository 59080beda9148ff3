using Akka.Actor;
using MtaActors.Core.Addressing;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>
/// Q282780: a secured queue's mail belongs to that queue. Removing its link from the topology must neither lose the
/// mail nor re-route it: the queue comes back suspended, visible, and delivers once the link is configured again.
/// </summary>
public sealed class OrphanQueueSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _data = new();

    private async Task<(ActorSystem System, IMtaGateway Mta)> StartAsync(Topology topology)
    {
        var system = ActorSystem.Create("mta", AkkaConfigs.Sqlite(_data.File("mta.db")));
        var mta = await MtaEngine.StartAsync(system, new MtaEngineSettings { Topology = topology, DataDirectory = _data.Path }, CancellationToken.None);
        return (system, mta);
    }

    private static async Task<QueueStatus> QueueAsync(IMtaGateway mta, string name)
        => (await mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == name);

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Secured_queue_whose_link_was_removed_holds_its_mail_until_the_link_returns()
    {
        var (first, mta) = await StartAsync(TestTopologies.Small());
        mta.Faults.Set("imc", DownFault.Instance);
        await mta.SubmitAsync([.. Enumerable.Range(0, 3).Select(i => TestMessages.Create("alice@lon.test", $"u{i}@internet.test"))], CancellationToken.None);
        await EventuallyAsync(async () => (await QueueAsync(mta, "imc")).Length == 3);
        await first.Terminate();

        var direct = TestTopologies.Link("x400-direct", LinkKind.X400, "Direct", TestTopologies.FastRetry, TestTopologies.Space(AddressType.Smtp, "*@internet.test", 1));
        var (second, withoutImc) = await StartAsync(TestTopologies.Small(include: l => l.Name != "imc", extra: [direct]));
        try
        {
            var imc = await QueueAsync(withoutImc, "imc");
            Assert.Equal("suspended", imc.State);
            Assert.Equal(3, imc.Length);
            Assert.True(imc.Secured);
            Assert.Equal(0, withoutImc.GetSites().Single(s => s.Name == "Direct").Delivered);
        }
        finally
        {
            await second.Terminate();
        }

        var (third, restored) = await StartAsync(TestTopologies.Small());
        try
        {
            await EventuallyAsync(() => Task.FromResult(restored.GetSites().Single(s => s.Name == "Internet").Delivered == 3));
        }
        finally
        {
            await third.Terminate();
        }
    }

    public void Dispose() => _data.Dispose();
}
