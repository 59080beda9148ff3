using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence.Sql;
using MtaActors.Core.Topology;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Supervision;
using MtaActors.Engine.Transports;
using MtaActors.Engine.Transports.Smtp;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Hosting;

/// <summary>Starts the engine inside an actor system and hands back its gateway.</summary>
public static class MtaEngine
{
    /// <summary>Longest wait for recovery of every queue at start.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Longest a single journal or snapshot write may take before the writing queue fails (and the daemon stops).</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The HOCON the actor system needs for the chosen journal (persistence plugins, serializers).</summary>
    public static Config Configuration(MtaEngineSettings settings) => Configuration(settings.Journal, ConnectionString(settings));

    /// <summary>The HOCON for a journal kind and connection string (ignored for <see cref="JournalKind.Memory"/>).</summary>
    public static Config Configuration(JournalKind journal, string connectionString)
    {
        var serialization = ConfigurationFactory.ParseString("""
            akka.actor {
              serializers.mta = "MtaActors.Engine.Persistence.MtaEventSerializer, MtaActors.Engine"
              serialization-bindings {
                "MtaActors.Engine.Persistence.IPersistedEvent, MtaActors.Engine" = mta
              }
            }
            """);
        var persistence = journal switch
        {
            JournalKind.Memory => ConfigurationFactory.ParseString("""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """),
            _ => SqlConfig(connectionString, journal == JournalKind.Postgres ? "PostgreSQL.15" : "SQLite.MS"),
        };
        return serialization.WithFallback(persistence);
    }

    /// <summary>The connection string in use: the given one, or the SQLite file under the data folder.</summary>
    public static string ConnectionString(MtaEngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ConnectionString(settings.ConnectionString, settings.DataDirectory);
    }

    /// <summary>The connection string in use: <paramref name="connectionString"/>, or the SQLite file <c>mta.db</c> under <paramref name="dataDirectory"/>.</summary>
    public static string ConnectionString(string? connectionString, string dataDirectory)
        => connectionString ?? $"Data Source={Path.Combine(dataDirectory, "mta.db")}";

    /// <summary>Opens the delivery logs, starts the supervisor tree and waits (bounded) until it accepts mail.</summary>
    public static async Task<IMtaGateway> StartAsync(ActorSystem system, MtaEngineSettings settings, CancellationToken cancellationToken)
    {
        PrivateStorage.CreateFolder(settings.DataDirectory);
        if (settings.Journal == JournalKind.Sqlite && SqliteFile(ConnectionString(settings)) is { } database)
        {
            PrivateStorage.CreateFileIfMissing(database);
        }

        var topology = settings.Topology;
        var sinkOptions = DeliverySinkOptions.Default with { DeduplicationEnabled = settings.DeduplicationEnabled };
        var sinks = await OpenSinksAsync(topology, Path.Combine(settings.DataDirectory, "sites"), sinkOptions, cancellationToken).ConfigureAwait(false);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "close-delivery-logs", async () =>
        {
            foreach (var sink in sinks.Values)
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }

            return Akka.Done.Instance;
        });

        var smtp = new SmtpTransports();
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "close-smtp-connections", async () =>
        {
            await smtp.DisposeAsync().ConfigureAwait(false);
            return Akka.Done.Instance;
        });
        // Faults set with "persist": true come back before the first transfer, so a kill -9 scenario keeps them.
        var faults = new FaultSwitchboard(settings.Time, persisted: PersistedFaultFile.In(settings.DataDirectory));
        foreach (var problem in await faults.RestorePersistedAsync(cancellationToken).ConfigureAwait(false))
        {
            system.Log.Warning("Persisted fault not restored: {Problem}", problem);
        }

        var transports = ImmutableDictionary.CreateBuilder<string, ITransport>(StringComparer.OrdinalIgnoreCase);
        transports[RoutingPlanner.LocalStore] = new FaultyTransport(new LocalStoreTransport(sinks[RoutingPlanner.LocalStore]), RoutingPlanner.LocalStore, faults, settings.Time);
        foreach (var link in topology.Links)
        {
            ITransport remote = link.Smtp is { } relay
                ? smtp.Add(new SmtpTransport(relay, topology.Server, TcpSmtpDialer.Instance, settings.Time))
                : new SimulatedRemoteTransport(link.Remote, sinks[link.Remote.Name], settings.Time);
            if (settings.DeliveryObserver is { } observer)
            {
                remote = new ObservedTransport(remote, link.Name, observer);
            }

            transports[link.Name] = new FaultyTransport(remote, link.Name, faults, settings.Time);
        }

        var counters = new MtaCounters(faults);
        counters.Instruments.Know(transports.Keys);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "close-meter", () =>
        {
            counters.Dispose();
            return Task.FromResult(Akka.Done.Instance);
        });
        var supervisor = system.ActorOf(
            MtaSupervisor.Props(new MtaComponents
            {
                Topology = topology,
                Transports = transports.ToImmutable(),
                Counters = counters,
                Time = settings.Time,
                SnapshotMinInterval = settings.SnapshotMinInterval,
                HoldEverything = settings.HoldEverything,
            }),
            "mta");
        var ready = await supervisor.Ask<EngineReady>(AwaitEngineReady.Instance, StartTimeout, cancellationToken).ConfigureAwait(false);
        return new MtaGateway(ready, counters, [.. sinks.Values], faults, settings.Time, topology.Routing.DefaultExpiry);
    }

    /// <summary>The database file a SQLite connection string names, or null for an in-memory one or a URI (left to SQLite).</summary>
    private static string? SqliteFile(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        return string.IsNullOrWhiteSpace(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
               || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory
            ? null
            : Path.GetFullPath(builder.DataSource);
    }

    private static async Task<ImmutableDictionary<string, DeliverySink>> OpenSinksAsync(Topology topology, string folder, DeliverySinkOptions options, CancellationToken cancellationToken)
    {
        var names = topology.Links.Select(l => l.Remote.Name).Prepend(RoutingPlanner.LocalStore).Distinct(StringComparer.OrdinalIgnoreCase);
        var sinks = ImmutableDictionary.CreateBuilder<string, DeliverySink>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            sinks[name] = await DeliverySink.OpenAsync(name, Path.Combine(folder, $"{name}.log"), options, cancellationToken).ConfigureAwait(false);
        }

        return sinks.ToImmutable();
    }

    private static Config SqlConfig(string connectionString, string provider)
    {
        var quoted = "\"" + connectionString.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = {{quoted}}
                  provider-name = "{{provider}}"
                  auto-initialize = true
                  # Akka's default (30 s) fails a recovery when the next event or the snapshot takes longer than that
                  # to arrive. A backlog of 100,000 messages is one snapshot and hundreds of events of a megabyte each;
                  # on a starved machine one replay batch took longer, the work queue stopped and the daemon with it.
                  # The bound that matters is the start timeout; a stalled journal still fails, just not a slow one.
                  recovery-event-timeout = {{(int)StartTimeout.TotalSeconds}}s
                  # A write that does not finish within the breaker's call-timeout (Akka's default: 10 s) fails the
                  # persistent actor, which stops the daemon. On SQLite every write waits for the one writer, and a
                  # queue snapshot of a 100,000-message backlog (~100 MB) held it longer than that on a loaded machine:
                  # the secured queues' writes timed out and every restart failed the same way. Still bounded.
                  circuit-breaker.call-timeout = {{(int)WriteTimeout.TotalSeconds}}s
                  # linq2db's default writes a multi-row insert as one SQL text with every payload inlined as a hex
                  # literal: a CPU profile of the secured SQLite path spent ~6 % encoding hex and ~6 % in SQLite decoding
                  # it again, besides the JIT. Parameters: 4 interleaved A/B pairs used a median 12 % less CPU.
                  prefer-parameters-on-multirow-insert = true
                }
              }
              query.journal.sql {
                connection-string = {{quoted}}
                provider-name = "{{provider}}"
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = {{quoted}}
                  provider-name = "{{provider}}"
                  auto-initialize = true
                  circuit-breaker.call-timeout = {{(int)WriteTimeout.TotalSeconds}}s
                }
              }
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
