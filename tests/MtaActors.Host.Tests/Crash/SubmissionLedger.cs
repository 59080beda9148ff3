using System.Collections.Concurrent;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// What the crash load sent and what it heard back: every message id with its template, and whether the daemon
/// answered 202 (accepted: must be delivered exactly once to each expected recipient) or gave no answer (the kill came
/// first: may or may not have been accepted, so at most once).
/// </summary>
internal sealed class SubmissionLedger
{
    private readonly ConcurrentDictionary<string, CrashTemplate> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _accepted = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, CrashTemplate> Sent => _sent;

    public int SentCount => _sent.Count;

    public int AcceptedCount => _accepted.Count;

    public bool IsAccepted(string messageId) => _accepted.ContainsKey(messageId);

    public void Sending(string messageId, CrashTemplate template)
    {
        if (!_sent.TryAdd(messageId, template))
        {
            throw new InvalidOperationException($"message id {messageId} sent twice by the load");
        }
    }

    public void Accepted(string messageId) => _accepted.TryAdd(messageId, 0);
}
