using MtaActors.Core.Addressing;

namespace MtaActors.Engine.Links;

/// <summary>
/// An operator suspends a link: it keeps what it holds, transfers nothing and is skipped by the router until
/// <see cref="ResumeLink"/>. Answered with the queue's <see cref="Gateway.QueueStatus"/>. Not journaled: a restart
/// brings the link back up (the fuller queue operations of issue 6 may persist it).
/// </summary>
public sealed record SuspendLink(string Reason);

/// <summary>An operator resumes a suspended link: it goes back up and tries its queue at once. Answered with its status.</summary>
public sealed record ResumeLink
{
    public static readonly ResumeLink Instance = new();
}

/// <summary>
/// KB924567: asks a link to attempt delivery now of what it holds for <see cref="Recipient"/> (null: everything),
/// skipping its retry wait. Answered with one <see cref="FlushReport"/> within <see cref="Bound"/>, whatever the far
/// end does: at once with "disabled" when the link is suspended, with "down" when it holds nothing it can try.
/// </summary>
public sealed record FlushLink(Address? Recipient, TimeSpan Bound);

/// <summary>
/// What a flush achieved: how many messages matched when it was asked (<see cref="Requested"/>), how many of those
/// were delivered before it answered, and how many are still on the queue. <see cref="Outcome"/> is one of
/// <see cref="FlushOutcomes"/>; <see cref="State"/> the link's state when it answered.
/// </summary>
public sealed record FlushReport(string Link, string State, int Requested, int Delivered, int Remaining, string Outcome);

/// <summary>The outcomes a <see cref="FlushReport"/> can carry.</summary>
public static class FlushOutcomes
{
    /// <summary>Every requested message was delivered.</summary>
    public const string Delivered = "delivered";

    /// <summary>The link held nothing for the recipient.</summary>
    public const string Empty = "empty";

    /// <summary>Some were delivered, then a transfer failed; the rest stay queued and are retried as usual.</summary>
    public const string Partial = "partial";

    /// <summary>A transfer failed before anything requested was delivered; the messages stay queued.</summary>
    public const string Failed = "failed";

    /// <summary>The link (or the MTA) is suspended: answered at once, nothing attempted.</summary>
    public const string Disabled = "disabled";

    /// <summary>The link is down: a non-secured link has handed its queue back; a secured one failed again.</summary>
    public const string Down = "down";

    /// <summary>The bound passed before the transfers finished; they go on, but the caller waits no longer.</summary>
    public const string Timeout = "timeout";
}
