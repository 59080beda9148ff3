using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Messages;

/// <summary>
/// The unit on an outbound queue: a message bound for the subset of its recipients that one link serves.
/// A message with recipients behind three links travels as three envelopes.
/// </summary>
public sealed record Envelope(Message Message, ImmutableArray<Address> Recipients)
{
    public string MessageId => Message.Id;
    public Priority Priority => Message.Priority;
}
