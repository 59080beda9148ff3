namespace MtaActors.Engine.Poison;

/// <summary>
/// What the poison queue's journal says is in quarantine, by message id. The one apply used by the live queue, its
/// recovery and <c>mta check</c>.
/// </summary>
public sealed class PoisonQueueState
{
    private readonly Dictionary<string, QuarantinedMessage> _messages = new(StringComparer.Ordinal);

    public int Count => _messages.Count;

    public IEnumerable<QuarantinedMessage> Messages => _messages.Values.OrderBy(m => m.QuarantinedAt);

    public QuarantinedMessage? Find(string messageId) => _messages.GetValueOrDefault(messageId);

    /// <summary>Applies one snapshot or event; false when the payload is not a poison-queue one.</summary>
    public bool Apply(object payload)
    {
        switch (payload)
        {
            case PoisonQueueSnapshot snapshot:
                _messages.Clear();
                foreach (var message in snapshot.Messages)
                {
                    _messages[message.MessageId] = message;
                }

                return true;
            case MessageQuarantined quarantined:
                // The same message quarantined again (a hand-off repeated after a restart) keeps its first record.
                _messages.TryAdd(quarantined.Message.MessageId, quarantined.Message);
                return true;
            case QuarantineLifted lifted:
                foreach (var id in lifted.MessageIds)
                {
                    _messages.Remove(id);
                }

                return true;
            default:
                return false;
        }
    }

    public PoisonQueueSnapshot ToSnapshot() => new([.. Messages]);
}
