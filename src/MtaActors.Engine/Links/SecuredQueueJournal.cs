namespace MtaActors.Engine.Links;

/// <summary>
/// How a secured queue's journal rebuilds its content: the one apply used by the live queue, its recovery and
/// <c>mta check</c>, so the three can never disagree about what a journal means.
/// </summary>
public static class SecuredQueueJournal
{
    /// <summary>Applies one snapshot or event to <paramref name="queue"/>; false when the payload is not a secured-queue one.</summary>
    public static bool Apply(EnvelopeQueue queue, object payload)
    {
        switch (payload)
        {
            case SecuredQueueSnapshot snapshot:
                AddAll(queue, snapshot.Envelopes);
                return true;
            case EnvelopesEnqueued enqueued:
                AddAll(queue, enqueued.Envelopes);
                return true;
            case TransferAttempted attempted:
                queue.CountFailedAttempt(attempted.MessageIds);
                return true;
            case TransferCrashed crashed:
                queue.CountCrash(crashed.MessageIds);
                return true;
            case EnvelopesHeld held:
                foreach (var id in held.MessageIds)
                {
                    queue.Hold(id);
                }

                return true;
            case EnvelopesReleased released:
                foreach (var id in released.MessageIds)
                {
                    queue.Release(id);
                }

                return true;
            case EnvelopesRemoved removed:
                foreach (var id in removed.MessageIds)
                {
                    queue.Remove(id);
                }

                return true;
            default:
                return false;
        }
    }

    private static void AddAll(EnvelopeQueue queue, IEnumerable<QueuedEnvelope> envelopes)
    {
        foreach (var queued in envelopes)
        {
            queue.Add(queued);
        }
    }
}
