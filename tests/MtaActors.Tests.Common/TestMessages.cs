using MtaActors.Core.Messages;

namespace MtaActors.Tests.Common;

/// <summary>Messages for tests, built through the same factory the API uses.</summary>
public static class TestMessages
{
    public static Message Create(string from, params string[] to) => Create(new MessageDraft { From = from, To = [.. to] });

    public static Message Create(MessageDraft draft, DateTimeOffset? now = null)
        => MessageFactory.TryCreate(draft, now ?? DateTimeOffset.UtcNow, TimeSpan.FromHours(1), out var message, out var error)
            ? message!
            : throw new ArgumentException(error);

    public static Envelope EnvelopeFor(Message message) => new(message, message.Recipients);
}
