namespace MtaActors.Host.Operations;

/// <summary>Submits one chunk of a replay to a daemon; never throws for the daemon's answers (see <see cref="BatchOutcome"/>).</summary>
public interface IBatchSubmitter
{
    Task<BatchOutcome> SubmitAsync(IReadOnlyList<ArchivedMessage> chunk, CancellationToken cancellationToken);
}
