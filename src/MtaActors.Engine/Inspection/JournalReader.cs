using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using MtaActors.Engine.Hosting;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.Inspection;

/// <summary>
/// Reads a stopped daemon's journal through the library rather than the tables: Akka.Persistence.Sql's query plugin
/// (<c>CurrentPersistenceIds</c>, <c>CurrentEventsByPersistenceId</c>) for events and the snapshot store for snapshots,
/// in a private actor system configured exactly like the daemon's (<see cref="MtaEngine.Configuration(JournalKind, string)"/>),
/// so the same serializer and table mapping apply. Every wait is bounded by <see cref="Timeout"/>.
/// </summary>
public sealed class JournalReader : IAsyncDisposable
{
    /// <summary>Longest wait for one read (one persistence id's events, one snapshot).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly ActorSystem _system;
    private readonly SqlReadJournal _journal;
    private readonly IActorRef _snapshots;
    private readonly IMaterializer _materializer;

    private JournalReader(ActorSystem system, SqlReadJournal journal)
    {
        _system = system;
        _journal = journal;
        _snapshots = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        _materializer = system.Materializer();
    }

    /// <summary>The actor system the reader runs in, for writing repairs through the same plugins.</summary>
    public ActorSystem System => _system;

    /// <summary>Opens a reader on a journal; <paramref name="name"/> names the private actor system.</summary>
    public static async Task<JournalReader> OpenAsync(JournalKind journal, string connectionString, CancellationToken cancellationToken, string name = "mta-check")
    {
        // Akka's default logger writes to stdout, which holds the check's report (JSON with --json): no Akka log at all.
        // What fails is captured and reported as a finding instead.
        var quiet = ConfigurationFactory.ParseString("""
            akka.loglevel = OFF
            akka.stdout-loglevel = OFF
            akka.log-dead-letters = off
            akka.log-dead-letters-during-shutdown = off
            """);
        var system = ActorSystem.Create(name, quiet.WithFallback(MtaEngine.Configuration(journal, connectionString)));

        // The SQL read journal waits a few seconds (synchronously, in its constructor) for the write journal to open
        // the database; on a loaded machine that can time out once. The write journal keeps initializing meanwhile,
        // so a bounded retry succeeds; a database that cannot be opened still fails after the last attempt.
        const int attempts = 4;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new JournalReader(system, PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier));
            }
            catch (Exception) when (attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Every persistence id with events in the journal.</summary>
    public async Task<ImmutableArray<string>> PersistenceIdsAsync(CancellationToken cancellationToken)
    {
        using var bounded = Bound(cancellationToken);
        var ids = await _journal.CurrentPersistenceIds().RunWith(Sink.Seq<string>(), _materializer).WaitAsync(bounded.Token).ConfigureAwait(false);
        return [.. ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The latest snapshot and the events after it for one persistence id, with the older snapshot and the events
    /// since it verified too; read errors are captured, not thrown.
    /// </summary>
    public async Task<JournalEntity> ReadAsync(string persistenceId, CancellationToken cancellationToken)
    {
        using var bounded = Bound(cancellationToken);
        object? snapshot = null;
        long snapshotSequenceNr = 0;
        try
        {
            var loaded = await _snapshots
                .Ask<object>(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), Timeout, bounded.Token)
                .ConfigureAwait(false);
            switch (loaded)
            {
                case LoadSnapshotResult { Snapshot: { } selected }:
                    snapshot = selected.Snapshot;
                    snapshotSequenceNr = selected.Metadata.SequenceNr;
                    break;
                case LoadSnapshotFailed failed:
                    return new JournalEntity(persistenceId, 0, null, [], $"snapshot unreadable: {OneLine(failed.Cause)}", ErrorCode(failed.Cause));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new JournalEntity(persistenceId, 0, null, [], $"snapshot unreadable: {OneLine(e)}", ErrorCode(e));
        }

        // The snapshot before the latest is what a start falls back to if the latest is lost (SnapshotRetention): verify
        // it, and every event from it on, though only the events after the latest make up the queue.
        long fallbackSequenceNr = 0;
        if (snapshotSequenceNr > 1)
        {
            try
            {
                var older = await _snapshots
                    .Ask<object>(new LoadSnapshot(persistenceId, new SnapshotSelectionCriteria(snapshotSequenceNr - 1), long.MaxValue), Timeout, bounded.Token)
                    .ConfigureAwait(false);
                switch (older)
                {
                    case LoadSnapshotResult { Snapshot: { } selected }:
                        fallbackSequenceNr = selected.Metadata.SequenceNr;
                        break;
                    case LoadSnapshotFailed failed:
                        return new JournalEntity(persistenceId, snapshotSequenceNr, snapshot, [], $"older snapshot (the fallback before sequence number {snapshotSequenceNr}) unreadable: {OneLine(failed.Cause)}", ErrorCode(failed.Cause));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new JournalEntity(persistenceId, snapshotSequenceNr, snapshot, [], $"older snapshot (the fallback before sequence number {snapshotSequenceNr}) unreadable: {OneLine(e)}", ErrorCode(e));
            }
        }

        var events = ImmutableArray.CreateBuilder<JournalEvent>();
        var lastRead = fallbackSequenceNr;
        try
        {
            await _journal.CurrentEventsByPersistenceId(persistenceId, fallbackSequenceNr + 1, long.MaxValue)
                .RunForeach(
                    envelope =>
                    {
                        lastRead = envelope.SequenceNr;
                        if (envelope.SequenceNr > snapshotSequenceNr)
                        {
                            events.Add(new JournalEvent(envelope.SequenceNr, envelope.Event));
                        }
                    },
                    _materializer)
                .WaitAsync(bounded.Token)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new JournalEntity(persistenceId, snapshotSequenceNr, snapshot, events.ToImmutable(), $"event after sequence number {lastRead} unreadable: {OneLine(e)}", ErrorCode(e));
        }

        return new JournalEntity(persistenceId, snapshotSequenceNr, snapshot, events.ToImmutable(), null);
    }

    public async ValueTask DisposeAsync()
        => await _system.Terminate().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

    private static CancellationTokenSource Bound(CancellationToken cancellationToken)
    {
        var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        return bounded;
    }

    private static string OneLine(Exception e)
    {
        var inner = ChecksumFailure(e) ?? e;
        while (inner.InnerException is not null && inner is AggregateException or AskTimeoutException)
        {
            inner = inner.InnerException;
        }

        return $"{inner.GetType().Name}: {inner.Message}".ReplaceLineEndings(" ");
    }

    private static string ErrorCode(Exception e) => ChecksumFailure(e) is null ? JournalEntity.Unreadable : JournalEntity.ChecksumMismatch;

    /// <summary>The checksum failure behind <paramref name="e"/>, however the plugin and the stream wrapped it.</summary>
    private static JournalChecksumException? ChecksumFailure(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 10; depth++)
        {
            if (e is JournalChecksumException checksum)
            {
                return checksum;
            }

            if (e is AggregateException { InnerExceptions.Count: > 1 } aggregate)
            {
                return aggregate.InnerExceptions.Select(ChecksumFailure).FirstOrDefault(c => c is not null);
            }

            e = e.InnerException;
        }

        return null;
    }
}
