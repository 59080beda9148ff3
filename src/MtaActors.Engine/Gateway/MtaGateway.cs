using System.Collections.Frozen;
using System.Collections.Immutable;
using Akka.Actor;
using Address = MtaActors.Core.Addressing.Address;
using MtaActors.Core.Messages;
using MtaActors.Engine.Administration;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Links;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Queues;
using MtaActors.Engine.Supervision;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Gateway;

/// <summary>
/// The engine's edge: asks actors with bounded timeouts (the only place that asks), reads counters without asking.
/// A queue that does not answer in time is reported as unresponsive rather than stalling the whole answer.
/// </summary>
public sealed class MtaGateway : IMtaGateway
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(2);

    private readonly EngineReady _engine;
    private readonly MtaCounters _counters;
    private readonly ImmutableArray<DeliverySink> _sinks;
    private readonly FrozenDictionary<string, RegisteredQueue> _queues;
    private readonly SemaphoreSlim _administering = new(1, 1); // one administrative change at a time: journal, then links
    private volatile AdministrationState _administration;

    public MtaGateway(EngineReady engine, MtaCounters counters, ImmutableArray<DeliverySink> sinks, FaultSwitchboard faults, TimeProvider time, TimeSpan defaultExpiry)
    {
        _engine = engine;
        _counters = counters;
        _sinks = sinks;
        Faults = faults;
        Time = time;
        DefaultExpiry = defaultExpiry;
        _queues = engine.Queues.ToFrozenDictionary(q => q.Handle.Name, StringComparer.OrdinalIgnoreCase);
        _administration = engine.InitialAdministration;
    }

    /// <summary>How long a submission may wait for the journal before the caller hears "unavailable".</summary>
    public TimeSpan SubmitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool IsAcceptingMail => true;

    public FaultSwitchboard Faults { get; }

    public TimeProvider Time { get; }

    public TimeSpan DefaultExpiry { get; }

    public async Task<ImmutableArray<SubmittedMessage>> SubmitAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        try
        {
            var answered = await _engine.WorkQueue
                .Ask<SubmitAnswered>(new Submit([.. messages]), SubmitTimeout, cancellationToken)
                .ConfigureAwait(false);
            return answered.Results;
        }
        catch (AskTimeoutException e)
        {
            throw new MtaUnavailableException($"the work queue did not accept within {SubmitTimeout.TotalSeconds:0} s", e);
        }
    }

    public async Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        var asks = _engine.Queues
            .Select(q => (Name: q.Handle.Name, Id: q.Id, q.Handle.Secured, Kind: q.Handle.Name, Ref: q.Handle.Queue))
            .Prepend((Name: "work-queue", Id: "Q000000", Secured: true, Kind: "work-queue", Ref: _engine.WorkQueue))
            .Concat(_engine.PoisonQueue is { } poison ? [(Name: poison.Handle.Name, Id: poison.Id, Secured: true, Kind: poison.Handle.Name, Ref: poison.Handle.Queue)] : [])
            .Select(async q =>
            {
                try
                {
                    return await q.Ref.Ask<QueueStatus>(GetQueueStatus.Instance, StatusTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (AskTimeoutException)
                {
                    return new QueueStatus(q.Id, q.Name, q.Kind, q.Secured, "unresponsive", -1, 0, "did not answer within 2 s");
                }
            });
        return await Task.WhenAll(asks).ConfigureAwait(false);
    }

    public MtaStatistics GetStatistics() => _counters.Snapshot();

    public IReadOnlyList<SiteCounters> GetSites() => [.. _sinks.Select(s => s.Counters)];

    public bool HasQueue(string name) => _queues.ContainsKey(name);

    public bool IsQueue(string name) => IsWorkQueue(name) || IsPoisonQueue(name) || HasQueue(name);

    private static bool IsWorkQueue(string name) => string.Equals(name, WorkQueueName, StringComparison.OrdinalIgnoreCase);

    private bool IsPoisonQueue(string name) => _engine.PoisonQueue is not null && string.Equals(name, Poison.PoisonQueue.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The actor behind any queue name <see cref="IsQueue"/> accepts.</summary>
    private IActorRef QueueActor(string name)
        => IsWorkQueue(name) ? _engine.WorkQueue : IsPoisonQueue(name) ? _engine.PoisonQueue!.Handle.Queue : Queue(name).Handle.Queue;

    /// <summary>How long a message operation may take: a removal waits for the work queue's journal, then the queue's.</summary>
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);

    public async Task<MessageOperationReport> OperateOnMessageAsync(string messageId, MessageAction action, bool report, CancellationToken cancellationToken)
    {
        var operation = new OperateOnMessage(messageId, action, report);
        var targets = _engine.Queues.Select(q => (q.Handle.Name, q.Handle.Queue))
            .Prepend((WorkQueueName, _engine.WorkQueue))
            .Concat(_engine.PoisonQueue is { } poison ? [(poison.Handle.Name, poison.Handle.Queue)] : []);
        var answers = await Task.WhenAll(targets.Select(async target =>
        {
            try
            {
                return await target.Item2.Ask<MessageOperated>(operation, OperationTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        })).ConfigureAwait(false);

        var held = answers.OfType<MessageOperated>().Where(a => a.Outcome != MessageOperationOutcome.NotHere).ToImmutableArray();
        var silent = answers.Count(a => a is null);
        if (silent > 0 && !held.Any(a => a.Outcome == MessageOperationOutcome.Done))
        {
            throw new MtaUnavailableException($"{silent} queue(s) did not answer within {OperationTimeout.TotalSeconds:0} s; the operation may be under way there, ask again");
        }

        return new MessageOperationReport(messageId, action, held);
    }

    public async Task<QueueRetried> RetryQueueAsync(string queue, CancellationToken cancellationToken)
    {
        if (!IsQueue(queue))
        {
            throw new ArgumentException($"no queue named '{queue}'", nameof(queue));
        }

        try
        {
            return await QueueActor(queue).Ask<QueueRetried>(RetryQueue.Instance, StatusTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new MtaUnavailableException($"queue {queue} did not answer within {StatusTimeout.TotalSeconds:0} s", e);
        }
    }

    /// <summary>
    /// How long past its own bound an operation on a link may take before the gateway answers for it: the link's own
    /// timer answers at the bound, this margin only covers a link whose mailbox is slow to get to it.
    /// </summary>
    public static readonly TimeSpan AnswerMargin = TimeSpan.FromMilliseconds(500);

    public async Task<FlushReport> FlushAsync(string link, Address? recipient, TimeSpan bound, CancellationToken cancellationToken)
    {
        var queue = Queue(link);
        if (_administration.MtaDisabled && !IsLocalStore(queue))
        {
            // KB924567: a disabled MTA answers a flush at once, without even asking the link.
            return new FlushReport(queue.Handle.Name, "suspended", 0, 0, 0, FlushOutcomes.Disabled);
        }

        try
        {
            return await queue.Handle.Queue.Ask<FlushReport>(new FlushLink(recipient, bound), bound + AnswerMargin, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new FlushReport(queue.Handle.Name, "unresponsive", 0, 0, 0, FlushOutcomes.Timeout);
        }
    }

    public MtaAdministrationStatus Administration => StatusOf(_administration);

    /// <summary>How long each queue may take to purge (a secured queue journals first).</summary>
    private static readonly TimeSpan PurgeTimeout = TimeSpan.FromSeconds(30);

    public async Task<Purge.PurgeReport> PurgeAsync(IReadOnlySet<MessageClass> classes, bool dryRun, CancellationToken cancellationToken)
    {
        var purge = new Purge.PurgeMessages([.. classes], dryRun);
        try
        {
            // The work queue first: once it has finished with a message, a link's copy is the only one left to drop.
            var work = await _engine.WorkQueue.Ask<Purge.PurgedFromQueue>(purge, PurgeTimeout, cancellationToken).ConfigureAwait(false);
            var links = await Task.WhenAll(_engine.Queues.Select(q => q.Handle.Queue.Ask<Purge.PurgedFromQueue>(purge, PurgeTimeout, cancellationToken))).ConfigureAwait(false);

            // A message waiting on a link is reported there; the work queue's entry keeps only what waited in it.
            var onLinks = links.SelectMany(l => l.Messages.Select(m => m.Id)).ToHashSet(StringComparer.Ordinal);
            work = work with { Messages = [.. work.Messages.Where(m => !onLinks.Contains(m.Id))] };
            var queues = links.Prepend(work).Where(q => !q.Messages.IsEmpty || !q.InFlight.IsEmpty).ToImmutableArray();
            var total = queues.SelectMany(q => q.Messages.Select(m => m.Id)).Distinct(StringComparer.Ordinal).Count();
            return new Purge.PurgeReport(dryRun, [.. classes.Order()], queues, total);
        }
        catch (AskTimeoutException e)
        {
            throw new MtaUnavailableException($"a queue did not answer the purge within {PurgeTimeout.TotalSeconds:0} s; run it again (it is idempotent)", e);
        }
    }

    public Task<QueueStatus> SuspendAsync(string link, string reason, CancellationToken cancellationToken)
        => AdministerAsync(async () =>
        {
            var queue = Queue(link);
            if (!IsLocalStore(queue))
            {
                await RecordAsync(new LinkSuspensionRecorded(queue.Handle.Name, reason), cancellationToken).ConfigureAwait(false);
            }

            return await OperateAsync(link, new SuspendLink(reason), cancellationToken).ConfigureAwait(false);
        });

    public Task<QueueStatus> ResumeAsync(string link, CancellationToken cancellationToken)
        => AdministerAsync(async () =>
        {
            var queue = Queue(link);
            if (!IsLocalStore(queue))
            {
                var state = await RecordAsync(new LinkResumptionRecorded(queue.Handle.Name), cancellationToken).ConfigureAwait(false);
                if (state.HoldReason(queue.Handle.Name) is { } reason)
                {
                    // The whole MTA is disabled: the link's own suspension is lifted, the MTA's still holds it.
                    return await OperateAsync(link, new SuspendLink(reason), cancellationToken).ConfigureAwait(false);
                }
            }

            return await OperateAsync(link, ResumeLink.Instance, cancellationToken).ConfigureAwait(false);
        });

    public Task<MtaAdministrationStatus> DisableAsync(string reason, CancellationToken cancellationToken)
        => AdministerAsync(async () =>
        {
            var state = await RecordAsync(new MtaDisabledRecorded(reason), cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(Links().Select(q => OperateAsync(q.Handle.Name, new SuspendLink(state.HoldReason(q.Handle.Name)!), cancellationToken))).ConfigureAwait(false);
            return StatusOf(state);
        });

    public Task<MtaAdministrationStatus> EnableAsync(CancellationToken cancellationToken)
        => AdministerAsync(async () =>
        {
            var state = await RecordAsync(new MtaEnabledRecorded(), cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(Links().Where(q => state.HoldReason(q.Handle.Name) is null).Select(q => OperateAsync(q.Handle.Name, ResumeLink.Instance, cancellationToken))).ConfigureAwait(false);
            return StatusOf(state);
        });

    private async Task<T> AdministerAsync<T>(Func<Task<T>> change)
    {
        if (!await _administering.WaitAsync(StatusTimeout * 4).ConfigureAwait(false))
        {
            throw new MtaUnavailableException("another administrative change is still in progress");
        }

        try
        {
            return await change().ConfigureAwait(false);
        }
        finally
        {
            _administering.Release();
        }
    }

    /// <summary>Journals the change before any link hears of it, so a crash in between errs on the side of the operator's wish.</summary>
    private async Task<AdministrationState> RecordAsync(object change, CancellationToken cancellationToken)
    {
        try
        {
            var state = await _engine.Administration.Ask<AdministrationState>(new RecordAdministration(change), StatusTimeout, cancellationToken).ConfigureAwait(false);
            _administration = state;
            return state;
        }
        catch (AskTimeoutException e)
        {
            throw new MtaUnavailableException($"the administrative change was not journaled within {StatusTimeout.TotalSeconds:0} s", e);
        }
    }

    private IEnumerable<RegisteredQueue> Links() => _engine.Queues.Where(q => !IsLocalStore(q) && !q.Detached);

    private static bool IsLocalStore(RegisteredQueue queue) => string.Equals(queue.Handle.Name, WorkQueue.RoutingPlanner.LocalStore, StringComparison.OrdinalIgnoreCase);

    private MtaAdministrationStatus StatusOf(AdministrationState state)
        => new(
            state.MtaDisabled,
            state.DisabledReason,
            [.. state.SuspendedLinks.Keys],
            [.. Links().Select(q => q.Handle.Name).Where(n => state.HoldReason(n) is not null).Order(StringComparer.OrdinalIgnoreCase)]);

    /// <summary>The work queue's name, as <see cref="GetQueuesAsync"/> reports it.</summary>
    public const string WorkQueueName = "work-queue";

    public async Task<QueueListing> ListMessagesAsync(string queue, ListQueue request, CancellationToken cancellationToken)
    {
        var target = QueueActor(queue);
        try
        {
            return await target.Ask<QueueListing>(request, StatusTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new MtaUnavailableException($"queue {queue} did not answer within {StatusTimeout.TotalSeconds:0} s", e);
        }
    }

    private async Task<QueueStatus> OperateAsync(string link, object operation, CancellationToken cancellationToken)
    {
        try
        {
            return await Queue(link).Handle.Queue.Ask<QueueStatus>(operation, StatusTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new MtaUnavailableException($"link {link} did not answer within {StatusTimeout.TotalSeconds:0} s", e);
        }
    }

    private RegisteredQueue Queue(string link)
        => _queues.TryGetValue(link, out var queue) ? queue : throw new ArgumentException($"no link named '{link}'", nameof(link));
}
