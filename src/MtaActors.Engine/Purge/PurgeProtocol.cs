using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Engine.Tracking;

namespace MtaActors.Engine.Purge;

/// <summary>
/// <c>mtacheck /rd /rp /rl</c> done live (Q271905): remove every waiting message of the given system classes from a
/// queue, or with <see cref="DryRun"/> only say which. Sent to the work queue and to every link queue; each answers
/// one <see cref="PurgedFromQueue"/> once the removal is journaled (secured queues, the work queue).
/// </summary>
public sealed record PurgeMessages(ImmutableHashSet<MessageClass> Classes, bool DryRun);

/// <summary>
/// What one queue removed (or would remove): the messages with their class and pending recipients, and those of the
/// classes that were on the wire when asked (left alone: the transfer decides their fate).
/// </summary>
public sealed record PurgedFromQueue(string Queue, ImmutableArray<PurgedMessage> Messages, ImmutableArray<string> InFlight);

/// <summary>One purged message: id, class and the recipients it still had on that queue.</summary>
public sealed record PurgedMessage(string Id, MessageClass Class, ImmutableArray<string> Recipients);

/// <summary>A purge over the whole MTA: per queue what was (or would be) removed, and the distinct messages in all.</summary>
public sealed record PurgeReport(bool DryRun, ImmutableArray<MessageClass> Classes, ImmutableArray<PurgedFromQueue> Queues, int Total);

/// <summary>Tracking: messages purged from a queue (never delivered, no report sent).</summary>
public sealed record MessagesPurgedTracked(DateTimeOffset At, string Queue, ImmutableArray<PurgedMessage> Messages) : ITrackingEvent;
