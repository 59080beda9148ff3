using Akka.Actor;
using MtaActors.Core.Topology;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>The real engine on a real SQLite journal under a data folder (data/mta.db, as <c>mta run --data</c> lays it out).</summary>
internal sealed class EngineOnJournal : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Links never give up on a failing transfer here: a link that went down would hand its mail elsewhere.</summary>
    public static readonly RetryPolicy Patient = TestTopologies.FastRetry with { MaxOpenRetries = 1000 };

    private EngineOnJournal(ActorSystem system, IMtaGateway mta)
    {
        System = system;
        Mta = mta;
    }

    public ActorSystem System { get; }

    public IMtaGateway Mta { get; }

    public static string ConnectionString(string data) => $"Data Source={Path.Combine(data, "mta.db")}";

    public static async Task<EngineOnJournal> StartAsync(string data, Topology topology, int snapshotMinInterval = 1000)
    {
        var system = ActorSystem.Create("mta", MtaEngine.Configuration(JournalKind.Sqlite, ConnectionString(data)));
        var mta = await MtaEngine.StartAsync(
            system,
            new MtaEngineSettings { Topology = topology, DataDirectory = data, Journal = JournalKind.Sqlite, SnapshotMinInterval = snapshotMinInterval },
            CancellationToken.None);
        return new EngineOnJournal(system, mta);
    }

    public long Delivered(string site) => Mta.GetSites().SingleOrDefault(s => s.Name == site)?.Delivered ?? 0;

    public async Task<int> LengthAsync(string queue) => (await Mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == queue).Length;

    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition) => EventuallyAsync(() => Task.FromResult(condition()));

    public async ValueTask DisposeAsync() => await System.Terminate();
}
