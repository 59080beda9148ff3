using System.Collections.Immutable;
using Akka.Actor;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// Submits messages; answered with <see cref="SubmitAnswered"/> once the accepted ones are journaled (at once when the
/// batch is refused), by the id rule of <see cref="SubmissionRule"/>.
/// </summary>
public sealed record Submit(ImmutableArray<Message> Messages);

/// <summary>What became of each submitted message, in the order given.</summary>
public sealed record SubmitAnswered(ImmutableArray<Gateway.SubmittedMessage> Results);

/// <summary>A link queue (or the local store) the work queue routes to.</summary>
public sealed record LinkHandle(string Name, IActorRef Queue, bool Secured);

/// <summary>Gives the work queue its outbound queues; it routes nothing before this.</summary>
public sealed record AttachLinks(ImmutableDictionary<string, LinkHandle> Links);

/// <summary>Answered with <see cref="WorkQueueReady"/> once recovered and attached.</summary>
public sealed record AwaitWorkQueueReady
{
    public static readonly AwaitWorkQueueReady Instance = new();
}

/// <summary>The work queue has recovered, re-routed what it had, and accepts mail.</summary>
public sealed record WorkQueueReady
{
    public static readonly WorkQueueReady Instance = new();
}

/// <summary>Timer tick: route deferred messages that are due and report waiting ones that expired.</summary>
internal sealed record WorkQueueTick
{
    public static readonly WorkQueueTick Instance = new();
}

/// <summary>
/// The poison queue hands envelopes back to be routed again (an operator released them). Answered with
/// <see cref="ReinstateAccepted"/> once journaled.
/// </summary>
public sealed record ReinstateMessages(ImmutableArray<Core.Messages.Envelope> Envelopes);

/// <summary>The work queue is responsible for these messages again.</summary>
public sealed record ReinstateAccepted(ImmutableArray<string> MessageIds);
