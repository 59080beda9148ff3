using MtaActors.Core.Messages;

namespace MtaActors.Engine.Links;

/// <summary>
/// An envelope on a link's queue, with when it arrived there, how many transfers of it failed, how many times a
/// transfer carrying it crashed the link's session (two make it poison), and whether an operator holds it.
/// </summary>
public sealed record QueuedEnvelope(Envelope Envelope, DateTimeOffset EnqueuedAt, int FailedAttempts = 0, int Crashes = 0, bool Held = false)
{
    public string MessageId => Envelope.MessageId;
}
