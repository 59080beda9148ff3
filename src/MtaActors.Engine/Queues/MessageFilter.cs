using MtaActors.Core.Messages;

namespace MtaActors.Engine.Queues;

/// <summary>
/// Which queued messages an operator wants to see. Sender and recipient match a part of the address, ignoring case
/// (<c>@contoso.com</c> matches a whole domain); <see cref="MinAge"/> is the time spent on the queue; null means any.
/// </summary>
public sealed record MessageFilter(string? Sender = null, string? Recipient = null, TimeSpan? MinAge = null, MessageClass? Class = null)
{
    public static readonly MessageFilter Any = new();

    public bool Matches(QueuedMessageView message)
        => (Sender is null || message.From.Contains(Sender, StringComparison.OrdinalIgnoreCase))
           && (Recipient is null || message.Recipients.Any(r => r.Contains(Recipient, StringComparison.OrdinalIgnoreCase)))
           && (MinAge is null || message.AgeSeconds >= MinAge.Value.TotalSeconds)
           && (Class is null || message.Class == Class);
}
