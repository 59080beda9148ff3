using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using MtaActors.Core.Topology;
using MtaActors.Engine.Administration;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Links;
using MtaActors.Engine.Poison;
using MtaActors.Engine.SuperQueue;
using MtaActors.Engine.Transports;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Supervision;

/// <summary>
/// The top of the engine: starts the super queue, registers every queue, then starts the work queue and one link
/// queue per connector, site link and the local store. It is ready (<see cref="EngineReady"/>) only once the work
/// queue and every persistent queue have recovered. Supervision: a child that throws is restarted (link queues keep
/// their journal if secured; the work queue recovers from its journal). A persistent child that stops (its journal
/// failed) cannot keep the no-loss promise, so the whole daemon shuts down to be restarted on clean state.
/// </summary>
public sealed class MtaSupervisor : ReceiveActor
{
    private readonly MtaComponents _components;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _waiters = [];
    private IActorRef _superQueue = ActorRefs.Nobody;
    private IActorRef _administration = ActorRefs.Nobody;
    private IActorRef _poisonQueue = ActorRefs.Nobody;
    private AdministrationState? _held; // what operators switched off, recovered before any link starts
    private QueuesRegistered? _registered;
    private EngineReady? _ready;

    /// <summary>Persistent queues (secured queues, the poison queue) whose recovery has not been confirmed yet.</summary>
    private readonly HashSet<IActorRef> _recovering = [];
    private bool _workQueueReady;

    public MtaSupervisor(MtaComponents components)
    {
        _components = components;
        Receive<QueuesRegistered>(registered =>
        {
            _registered = registered;
            TryStart();
        });
        Receive<AdministrationState>(held =>
        {
            _held = held;
            TryStart();
        });
        Receive<AwaitEngineReady>(_ =>
        {
            if (_ready is null)
            {
                _waiters.Add(Sender);
            }
            else
            {
                Sender.Tell(_ready);
            }
        });
        Receive<Terminated>(OnTerminated);
    }

    public static Props Props(MtaComponents components) => Akka.Actor.Props.Create(() => new MtaSupervisor(components));

    protected override SupervisorStrategy SupervisorStrategy()
        => new OneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: _ => Directive.Restart);

    protected override void PreStart()
    {
        _superQueue = Context.ActorOf(SuperQueue.SuperQueue.Props(), SuperQueue.SuperQueue.Id);
        Context.Watch(_superQueue);
        var descriptors = _components.Topology.Links
            .Select(link => new QueueDescriptor(link.Name, LinkKinds.ToName(link.Kind), link.Secured))
            .Prepend(new QueueDescriptor(RoutingPlanner.LocalStore, RoutingPlanner.LocalStore, false))
            .Append(new QueueDescriptor(PoisonQueue.Name, PoisonQueue.Name, true))
            .ToImmutableArray();
        _superQueue.Tell(new RegisterQueues(descriptors));

        // Links start as operators left them (suspended, or the MTA disabled): read that before starting any.
        _administration = Context.ActorOf(AdministrationStore.Props(), AdministrationStore.Id);
        Context.Watch(_administration);
        _administration.Tell(GetAdministrationState.Instance);
    }

    private void TryStart()
    {
        if (_ready is not null || _registered is not { } registered || _held is not { } held)
        {
            return;
        }

        var ids = registered.Queues.ToDictionary(q => q.Name, q => q.Id, StringComparer.OrdinalIgnoreCase);
        var workQueue = Context.ActorOf(
            WorkQueue.WorkQueue.Props(new WorkQueueSettings
            {
                Planner = new RoutingPlanner(_components.Topology),
                Counters = _components.Counters,
                Time = _components.Time,
                SnapshotMinInterval = _components.SnapshotMinInterval,
            }),
            "work-queue");
        Context.Watch(workQueue);

        var poisonQueue = Context.ActorOf(PoisonQueue.Props(ids[PoisonQueue.Name], workQueue, _components.Counters, _components.Time, _components.SnapshotMinInterval), PoisonQueue.Name);
        Context.Watch(poisonQueue);
        _poisonQueue = poisonQueue;

        var queues = ImmutableArray.CreateBuilder<RegisteredQueue>();
        queues.Add(StartQueue(workQueue, ids[RoutingPlanner.LocalStore], RoutingPlanner.LocalStore, RoutingPlanner.LocalStore, secured: false, _components.LocalStoreRetry, 500));
        foreach (var link in _components.Topology.Links)
        {
            queues.Add(StartQueue(workQueue, ids[link.Name], link.Name, LinkKinds.ToName(link.Kind), link.Secured, link.Retry, link.MaxBatchSize));
        }

        // A secured queue the registry knows but the topology no longer has still owns its journaled mail (Q282780):
        // start it suspended, so the mail stays visible and is never re-routed or lost.
        var configured = _components.Topology.Links.Select(l => l.Name).Append(RoutingPlanner.LocalStore).Append(PoisonQueue.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var orphan in registered.Queues.Where(q => q.Secured && !configured.Contains(q.Name)))
        {
            _log.Warning("Secured queue {0} ({1}) is not in the topology; holding its mail suspended", orphan.Name, orphan.Id);
            queues.Add(StartQueue(workQueue, orphan.Id, orphan.Name, orphan.Kind, secured: true, RetryPolicy.Default, 100, detached: true));
        }

        var all = queues.ToImmutable();
        workQueue.Tell(new AttachLinks(all.ToImmutableDictionary(q => q.Handle.Name, q => q.Handle, StringComparer.OrdinalIgnoreCase)));
        foreach (var link in _components.Topology.Links)
        {
            if ((_components.HoldEverything ?? held.HoldReason(link.Name)) is { } reason)
            {
                // The router routes around a suspended link; it learns of state changes, so tell it of this start state.
                workQueue.Tell(new LinkStateChanged(link.Name, LinkState.Suspended, reason));
            }
        }

        _ready = new EngineReady(workQueue, all)
        {
            Administration = _administration,
            InitialAdministration = held,
            PoisonQueue = new RegisteredQueue(ids[PoisonQueue.Name], new LinkHandle(PoisonQueue.Name, poisonQueue, Secured: true)),
        };
        workQueue.Tell(AwaitWorkQueueReady.Instance);

        // A persistent actor answers commands only once it has recovered (Akka stashes them until then), so a status
        // reply from every secured queue and the poison queue says each has its journal back. Until then the engine is
        // not ready: /health says 503 and no mail is accepted. A queue whose recovery fails stops, and the daemon with
        // it, before it ever said it was healthy.
        foreach (var persistent in all.Where(q => q.Handle.Secured).Select(q => q.Handle.Queue).Append(poisonQueue))
        {
            _recovering.Add(persistent);
            persistent.Tell(GetQueueStatus.Instance);
        }

        Become(Starting);
    }

    private RegisteredQueue StartQueue(IActorRef workQueue, string id, string name, string kind, bool secured, RetryPolicy retry, int maxBatchSize, bool detached = false)
    {
        // The local store is not a link: disabling the MTA stops transfers to other MTAs, local delivery goes on.
        var hold = _components.HoldEverything ?? (name == RoutingPlanner.LocalStore ? null : _held?.HoldReason(name));
        var settings = new LinkQueueSettings
        {
            Name = name,
            QueueId = id,
            Kind = kind,
            Secured = secured,
            Retry = retry,
            MaxBatchSize = maxBatchSize,
            Transport = detached ? DetachedTransport.Instance : _components.Transports[name],
            InitialState = detached || hold is not null ? LinkState.Suspended : LinkState.Up,
            InitialReason = detached ? "the link is no longer in the topology" : hold,
            Counters = _components.Counters,
            Time = _components.Time,
            SnapshotMinInterval = _components.SnapshotMinInterval,
        };
        var queue = Context.ActorOf(LinkQueue.Props(settings, workQueue, _poisonQueue), name == RoutingPlanner.LocalStore ? name : $"link-{name}");
        if (secured)
        {
            Context.Watch(queue);
        }

        return new RegisteredQueue(id, new LinkHandle(name, queue, secured)) { Detached = detached };
    }

    private void Starting()
    {
        Receive<WorkQueueReady>(_ =>
        {
            _workQueueReady = true;
            ReadyIfRecovered();
        });
        Receive<QueueStatus>(_ =>
        {
            _recovering.Remove(Sender);
            ReadyIfRecovered();
        });
        Receive<AwaitEngineReady>(_ => _waiters.Add(Sender));
        Receive<Terminated>(OnTerminated);
    }

    private void ReadyIfRecovered()
    {
        if (!_workQueueReady || _recovering.Count > 0)
        {
            return;
        }

        _log.Info("MTA ready: {0} queues, every persistent queue recovered", _ready!.Queues.Length);
        foreach (var waiter in _waiters)
        {
            waiter.Tell(_ready);
        }

        _waiters.Clear();
        Become(Running);
    }

    private void Running()
    {
        Receive<AwaitEngineReady>(_ => Sender.Tell(_ready));
        Receive<Terminated>(OnTerminated);
    }

    private void OnTerminated(Terminated terminated)
    {
        _log.Error("{0} stopped (journal failure?); shutting the MTA down rather than run without it", terminated.ActorRef.Path.Name);
        CoordinatedShutdown.Get(Context.System).Run(QueueFailureReason.Instance);
    }
}
