using MtaActors.Core.Messages;

namespace MtaActors.Engine.Links;

/// <summary>An envelope on a link's queue, with when it arrived there and how many transfers of it failed.</summary>
public sealed record QueuedEnvelope(Envelope Envelope, DateTimeOffset EnqueuedAt, int FailedAttempts = 0)
{
    public string MessageId => Envelope.MessageId;
}
