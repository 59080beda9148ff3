using System.Collections.Concurrent;
using MimeKit;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// What the SMTP crash load sent and what it heard back: every message it made (sent again as the very same
/// <see cref="MimeMessage"/>, so a resend is the same octets), the id the daemon named in each 250 for it, and what
/// should never happen (a 5xx for valid mail, a resend answered with another id than the first 250).
/// </summary>
internal sealed class SmtpCrashLedger
{
    private readonly ConcurrentDictionary<string, SmtpCrashMessage> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _confirmed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _faults = new();
    private TaskCompletionSource _nextAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyDictionary<string, SmtpCrashMessage> Sent => _sent;

    /// <summary>The queue id of each message that saw a 250, by the load's own key.</summary>
    public IReadOnlyDictionary<string, string> Confirmed => _confirmed;

    public IReadOnlyCollection<string> Faults => _faults;

    public IEnumerable<SmtpCrashMessage> Unconfirmed => _sent.Values.Where(m => !_confirmed.ContainsKey(m.Key));

    /// <summary>Completes at the next 250 the load sees (the listener of a restarted daemon is taking mail again).</summary>
    public Task NextAnswer()
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _nextAnswer, next);
        return next.Task;
    }

    public void Sending(SmtpCrashMessage message) => _sent.TryAdd(message.Key, message);

    /// <summary>A 250 for <paramref name="message"/>: its reply names the queue id ("queued as ID").</summary>
    public void Answered(SmtpCrashMessage message, string reply)
    {
        var marker = reply.LastIndexOf("queued as ", StringComparison.Ordinal);
        if (marker < 0)
        {
            _faults.Enqueue($"{message.Key}: 250 without a queue id: {reply}");
            return;
        }

        Volatile.Read(ref _nextAnswer).TrySetResult();
        var id = reply[(marker + "queued as ".Length)..].Trim();
        var first = _confirmed.GetOrAdd(message.Key, id);
        if (first != id)
        {
            _faults.Enqueue($"{message.Key}: sent again and answered as {id}, first answered as {first}: the resend is another message to the daemon");
        }
    }

    public void Refused(SmtpCrashMessage message, string reply) => _faults.Enqueue($"{message.Key}: valid mail refused: {reply}");
}
