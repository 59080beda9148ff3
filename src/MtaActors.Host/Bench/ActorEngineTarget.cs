using Akka.Actor;
using Akka.Configuration;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Engine.Transports;

namespace MtaActors.Host.Bench;

/// <summary>
/// The actor engine, started in-process in an actor system of its own (one per run, so runs never share queues or
/// journal state), with the delivery tracker listening at every simulated site. On PostgreSQL each run journals into a
/// scratch database of its own (see <see cref="ScratchDatabase"/>), dropped when the run ends.
/// </summary>
internal sealed class ActorEngineTarget : IBenchTarget
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    // The report is the output; Akka's own log would interleave with it.
    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);

    private readonly ActorSystem _system;
    private readonly IMtaGateway _gateway;
    private readonly long _sitesAtStart;
    private readonly ScratchDatabase? _database;

    private ActorEngineTarget(ActorSystem system, IMtaGateway gateway, ScratchDatabase? database)
    {
        _system = system;
        _gateway = gateway;
        _database = database;
        _sitesAtStart = gateway.GetSites().Sum(s => s.Distinct);
    }

    public static async Task<ActorEngineTarget> StartAsync(Topology topology, JournalKind journal, string? connection, string dataDirectory, IDeliveryObserver observer, CancellationToken cancellationToken)
    {
        var database = journal == JournalKind.Postgres && connection is not null ? await ScratchDatabase.CreateAsync(connection, cancellationToken) : null;
        var settings = new MtaEngineSettings
        {
            Topology = topology,
            DataDirectory = dataDirectory,
            Journal = journal,
            ConnectionString = database?.ConnectionString ?? connection,
            DeliveryObserver = observer,
        };
        var system = ActorSystem.Create("mta-bench", Quiet.WithFallback(MtaEngine.Configuration(settings)));
        try
        {
            var gateway = await MtaEngine.StartAsync(system, settings, cancellationToken);
            return new ActorEngineTarget(system, gateway, database);
        }
        catch
        {
            await system.Terminate().WaitAsync(ShutdownTimeout, CancellationToken.None);
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            throw;
        }
    }

    public Task SubmitAsync(IReadOnlyList<Message> batch, CancellationToken cancellationToken) => _gateway.SubmitAsync(batch, cancellationToken);

    public async Task<QueueSample> SampleAsync(CancellationToken cancellationToken)
    {
        var queues = await _gateway.GetQueuesAsync(cancellationToken);
        return new QueueSample(_gateway.GetStatistics().WorkQueueLength, queues.Where(q => q.Name != "work-queue").Sum(q => Math.Max(0, q.Length)));
    }

    public async Task<IReadOnlyDictionary<string, string>> LinkStatesAsync(CancellationToken cancellationToken)
        => (await _gateway.GetQueuesAsync(cancellationToken)).ToDictionary(q => q.Name, q => q.State, StringComparer.OrdinalIgnoreCase);

    public Task SetFaultAsync(LinkFault fault, CancellationToken cancellationToken)
    {
        _gateway.Faults.Set(fault.Link, fault.Spec);
        return Task.CompletedTask;
    }

    public Task<long> SitesRecordedAsync(CancellationToken cancellationToken)
        => Task.FromResult(_gateway.GetSites().Sum(s => s.Distinct) - _sitesAtStart);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(ShutdownTimeout);
        }
        catch (TimeoutException)
        {
            // A session stuck in a hung transfer must not keep the benchmark alive: terminate regardless.
            await _system.Terminate().WaitAsync(ShutdownTimeout);
        }
        finally
        {
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }
}
