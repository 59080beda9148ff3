using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Links;
using MtaActors.Engine.Queues;

namespace MtaActors.Host.Tests;

/// <summary>An engine stand-in that records what the API submits and answers with fixed views.</summary>
internal sealed class FakeGateway : IMtaGateway
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentQueue<Message> submitted = new();

    public bool IsAcceptingMail { get; set; } = true;

    /// <summary>When set, <see cref="SubmitAsync"/> and <see cref="GetQueuesAsync"/> throw it as unavailability.</summary>
    public string? UnavailableReason { get; set; }

    public IReadOnlyList<Message> Submitted => [.. submitted];

    public ImmutableArray<QueueStatus> Queues { get; set; } =
    [
        new("Q000000", "work-queue", "work-queue", true, "up", 3, 1.5),
        new("Q000001", "local-store", "local-store", false, "up", 0, 0),
        new("Q000002", "x400-paris", "x400", false, "retrying", 42, 125),
    ];

    public MtaStatistics Statistics { get; set; } = new(10, 17, 2, 1, 4, 3, 1);

    public ImmutableArray<SiteCounters> Sites { get; set; } =
    [
        new("local-store", 12, 12, 12, 0),
        new("Paris", 9, 8, 7, 1),
    ];

    public FaultSwitchboard Faults { get; } = new();

    public TimeProvider Time { get; } = new FakeTimeProvider(Now);

    public TimeSpan DefaultExpiry => TimeSpan.FromHours(48);

    public Task<ImmutableArray<SubmittedMessage>> SubmitAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        if (UnavailableReason is { } reason)
        {
            throw new MtaUnavailableException(reason);
        }

        foreach (var message in messages)
        {
            submitted.Enqueue(message);
        }

        return Task.FromResult(messages.Select(m => new SubmittedMessage(m.Id, SubmissionOutcome.Accepted)).ToImmutableArray());
    }

    public Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken)
        => UnavailableReason is { } reason
            ? Task.FromException<IReadOnlyList<QueueStatus>>(new MtaUnavailableException(reason))
            : Task.FromResult<IReadOnlyList<QueueStatus>>(Queues);

    public MtaStatistics GetStatistics() => Statistics;

    public IReadOnlyList<SiteCounters> GetSites() => Sites;

    public bool HasQueue(string name)
        => Queues.Any(q => q.Kind != "work-queue" && string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>What <see cref="ListMessagesAsync"/> answers (its queue name replaced by the one asked for); the requests are in <see cref="Listings"/>.</summary>
    public ImmutableArray<QueuedMessageView> Listed { get; set; } =
    [
        new("m-1", "alice@london.contoso.com", ["pdupont@paris.contoso.com"], Priority.Urgent, MessageClass.Ipm, 1024, Now.AddMinutes(-5), Now.AddMinutes(-4), 240, QueuedMessageStates.Retrying, 3),
    ];

    public ConcurrentQueue<(string Queue, ListQueue Request)> Listings { get; } = new();

    public Task<QueueListing> ListMessagesAsync(string queue, ListQueue request, CancellationToken cancellationToken)
    {
        if (UnavailableReason is { } reason)
        {
            return Task.FromException<QueueListing>(new MtaUnavailableException(reason));
        }

        Listings.Enqueue((queue, request));
        return Task.FromResult(QueueListing.Page(queue, Listed, request));
    }

    /// <summary>What <see cref="FlushAsync"/> answers; the flushes asked for are in <see cref="Flushes"/>.</summary>
    public FlushReport FlushAnswer { get; set; } = new("x400-paris", "up", 2, 2, 0, FlushOutcomes.Delivered);

    public ConcurrentQueue<(string Link, Address? Recipient, TimeSpan Bound)> Flushes { get; } = new();

    public Task<FlushReport> FlushAsync(string link, Address? recipient, TimeSpan bound, CancellationToken cancellationToken)
    {
        Flushes.Enqueue((link, recipient, bound));
        return Task.FromResult(FlushAnswer with { Link = link });
    }

    public Task<QueueStatus> SuspendAsync(string link, string reason, CancellationToken cancellationToken)
        => Task.FromResult(Queues.First(q => q.Name == link) with { State = "suspended", LastError = reason });

    public Task<QueueStatus> ResumeAsync(string link, CancellationToken cancellationToken)
        => Task.FromResult(Queues.First(q => q.Name == link) with { State = "up" });

    public MtaAdministrationStatus Administration { get; private set; } = new(false, null, [], []);

    public Task<MtaAdministrationStatus> DisableAsync(string reason, CancellationToken cancellationToken)
        => Task.FromResult(Administration = new MtaAdministrationStatus(true, reason, [], [.. Queues.Select(q => q.Name)]));

    /// <summary>What <see cref="PurgeAsync"/> was asked, and answers (the purged queue is named after the classes).</summary>
    public ConcurrentQueue<(IReadOnlySet<MessageClass> Classes, bool DryRun)> Purges { get; } = new();

    public Task<MtaActors.Engine.Purge.PurgeReport> PurgeAsync(IReadOnlySet<MessageClass> classes, bool dryRun, CancellationToken cancellationToken)
    {
        Purges.Enqueue((classes, dryRun));
        var message = new MtaActors.Engine.Purge.PurgedMessage("dirsync-1", MessageClass.DirectoryReplication, ["postmaster@paris.contoso.com"]);
        return Task.FromResult(new MtaActors.Engine.Purge.PurgeReport(dryRun, [.. classes.Order()], [new("x400-paris", [message], [])], 1));
    }

    public Task<MtaAdministrationStatus> EnableAsync(CancellationToken cancellationToken)
        => Task.FromResult(Administration = new MtaAdministrationStatus(false, null, [], []));

    public bool IsQueue(string name)
        => HasQueue(name) || name.Equals("work-queue", StringComparison.OrdinalIgnoreCase) || name.Equals("poison", StringComparison.OrdinalIgnoreCase);

    /// <summary>The message operations asked for, in order.</summary>
    public ConcurrentQueue<(string Id, MessageAction Action, bool Report)> Operations { get; } = new();

    /// <summary>
    /// What <see cref="OperateOnMessageAsync"/> answers: m-1 is on x400-paris (done), secured-1 on imc (refused), any other
    /// id is on no queue.
    /// </summary>
    public Task<MessageOperationReport> OperateOnMessageAsync(string messageId, MessageAction action, bool report, CancellationToken cancellationToken)
    {
        if (UnavailableReason is { } reason)
        {
            return Task.FromException<MessageOperationReport>(new MtaUnavailableException(reason));
        }

        Operations.Enqueue((messageId, action, report));
        ImmutableArray<MessageOperated> queues = messageId switch
        {
            "m-1" => [new("x400-paris", MessageOperationOutcome.Done, report ? "removed with a non-delivery report" : $"{action.ToString().ToLowerInvariant()} done")],
            "secured-1" => [new("imc", MessageOperationOutcome.Refused, "on a secured queue, which never gives a message back to be routed again")],
            _ => [],
        };
        return Task.FromResult(new MessageOperationReport(messageId, action, queues));
    }

    /// <summary>The queues retried, in order.</summary>
    public ConcurrentQueue<string> Retries { get; } = new();

    public Task<QueueRetried> RetryQueueAsync(string queue, CancellationToken cancellationToken)
    {
        if (!IsQueue(queue))
        {
            return Task.FromException<QueueRetried>(new ArgumentException($"no queue named '{queue}'", nameof(queue)));
        }

        Retries.Enqueue(queue);
        return Task.FromResult(queue.Equals("poison", StringComparison.OrdinalIgnoreCase)
            ? new QueueRetried("poison", "suspended", 0, Refused: true, "the poison queue is never retried: release its messages one at a time")
            : new QueueRetried(queue, "up", 2, Refused: false, "handed 2 messages back to the router; trying the link now"));
    }
}
