namespace MtaActors.Host.Operations;

/// <summary>
/// Replays a backlog into a daemon (the "remote incremental replay" of Q271905, made automatic): newest first, in
/// chunks; a chunk the daemon rejects is split in halves and each half replayed again, down to single messages, and a
/// single message that is still rejected goes to quarantine with the daemon's reason. No global state is set or left
/// behind: ids are kept, so the receivers' de-duplication makes a repeated replay harmless. A daemon that is unavailable
/// (503, no answer) is waited for with a doubling, bounded backoff; if it stays away the replay stops and says how far it got.
/// </summary>
public sealed class ReplayRunner(IBatchSubmitter submitter, QuarantineFile quarantine, ReplayOptions options, TimeProvider time)
{
    public async Task<ReplayResult> RunAsync(IReadOnlyList<ArchivedMessage> messages, CancellationToken cancellationToken)
    {
        var ordered = messages
            .OrderByDescending(m => m.SubmittedAt)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
        var started = time.GetTimestamp();
        int accepted = 0, quarantined = 0, requests = 0, splits = 0, sent = 0;

        // Depth-first over halves keeps the order newest first and the pending work to one stack of ranges.
        var work = new Stack<ArraySegment<ArchivedMessage>>();
        var all = ordered.ToArray();
        for (var start = ((all.Length - 1) / options.ChunkSize) * options.ChunkSize; start >= 0 && all.Length > 0; start -= options.ChunkSize)
        {
            work.Push(new ArraySegment<ArchivedMessage>(all, start, Math.Min(options.ChunkSize, all.Length - start)));
        }

        while (work.TryPop(out var chunk))
        {
            await ThrottleAsync(started, sent, cancellationToken);
            sent += chunk.Count;
            requests++;
            var outcome = await SubmitWithPatienceAsync(chunk, cancellationToken);
            requests += outcome.Retries;
            switch (outcome.Outcome.Kind)
            {
                case BatchOutcomeKind.Accepted:
                    accepted += chunk.Count;
                    break;
                case BatchOutcomeKind.Rejected when chunk.Count == 1:
                    await quarantine.AddAsync(chunk[0], outcome.Outcome.Reason, cancellationToken);
                    quarantined++;
                    break;
                case BatchOutcomeKind.Rejected:
                    splits++;
                    var half = chunk.Count / 2;
                    work.Push(chunk.Slice(half));
                    work.Push(chunk.Slice(0, half));
                    break;
                default:
                    var notTried = chunk.Count + work.Sum(w => w.Count);
                    return new ReplayResult(all.Length, accepted, quarantined, requests, splits, notTried, outcome.Outcome.Reason);
            }
        }

        return new ReplayResult(all.Length, accepted, quarantined, requests, splits, 0, null);
    }

    private async Task<(BatchOutcome Outcome, int Retries)> SubmitWithPatienceAsync(IReadOnlyList<ArchivedMessage> chunk, CancellationToken cancellationToken)
    {
        var wait = options.UnavailableBackoff;
        for (var retry = 0; ; retry++)
        {
            var outcome = await submitter.SubmitAsync(chunk, cancellationToken);
            if (outcome.Kind != BatchOutcomeKind.Unavailable || retry >= options.UnavailableRetries)
            {
                return (outcome, retry);
            }

            await Task.Delay(wait, time, cancellationToken);
            wait *= 2;
        }
    }

    /// <summary>Keeps the replay at or under the requested rate: waits until <paramref name="sent"/> messages are due.</summary>
    private async Task ThrottleAsync(long started, int sent, CancellationToken cancellationToken)
    {
        if (options.Rate is not { } rate || sent == 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds(sent / rate) - time.GetElapsedTime(started);
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, time, cancellationToken);
        }
    }
}
