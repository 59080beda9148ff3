using Microsoft.Extensions.Time.Testing;
using MtaActors.Core.Topology;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Transports;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Faults;

/// <summary>A faulty link to a simulated Paris site with no base latency, a real sink in a temp folder, and a fake clock.</summary>
internal sealed class FaultRig : IAsyncDisposable
{
    public const string Link = "paris-site";

    private readonly TempDirectory _folder;

    private FaultRig(TempDirectory folder, DeliverySink sink, FakeTimeProvider time, FaultSwitchboard switchboard, FaultyTransport transport)
    {
        _folder = folder;
        Sink = sink;
        Time = time;
        Switchboard = switchboard;
        Transport = transport;
    }

    public DeliverySink Sink { get; }

    public FakeTimeProvider Time { get; }

    public FaultSwitchboard Switchboard { get; }

    public FaultyTransport Transport { get; }

    public static async Task<FaultRig> StartAsync(int seed = 7)
    {
        var folder = new TempDirectory();
        var time = new FakeTimeProvider();
        var sink = await DeliverySink.OpenAsync("paris", folder.File("paris.log"), CancellationToken.None);
        var remote = new SimulatedRemoteTransport(new RemoteSite("paris", TimeSpan.Zero), sink, time);
        var switchboard = new FaultSwitchboard(time, seed);
        return new FaultRig(folder, sink, time, switchboard, new FaultyTransport(remote, Link, switchboard, time));
    }

    public void Set(FaultSpec fault) => Switchboard.Set(Link, fault);

    public async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync();
        _folder.Dispose();
    }
}
