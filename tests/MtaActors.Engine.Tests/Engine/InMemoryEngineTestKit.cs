using System.Collections.Immutable;
using Akka.TestKit.Xunit2;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>
/// The whole engine in the test kit's actor system: real link actors, simulated sites with durable delivery logs in a
/// temporary folder (removed afterwards), the in-memory journal.
/// </summary>
public abstract class InMemoryEngineTestKit : TestKit, IDisposable
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _data = new();

    protected InMemoryEngineTestKit() : base(AkkaConfigs.InMemory()) { }

    protected Task<IMtaGateway> StartAsync(Topology? topology = null)
        => MtaEngine.StartAsync(Sys, new MtaEngineSettings { Topology = topology ?? TestTopologies.Small(), DataDirectory = _data.Path, Journal = JournalKind.Memory }, CancellationToken.None);

    protected static Task<ImmutableArray<SubmittedMessage>> SendAsync(IMtaGateway mta, MessageDraft draft)
        => mta.SubmitAsync([TestMessages.Create(draft)], CancellationToken.None);

    public new void Dispose()
    {
        base.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}
