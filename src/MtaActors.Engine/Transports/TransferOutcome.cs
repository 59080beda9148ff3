using System.Collections.Immutable;

namespace MtaActors.Engine.Transports;

/// <summary>The result of one transfer or probe.</summary>
public abstract record TransferOutcome
{
    private TransferOutcome() { }

    /// <summary>
    /// The far end took the batch; <paramref name="DuplicatesSuppressed"/> recipients had already been delivered and were
    /// not delivered again. A real protocol may answer per message and per recipient: <see cref="Refused"/> recipients were
    /// refused for good (a non-delivery report each, the message's other recipients delivered) and <see cref="Deferred"/>
    /// messages were not taken this time (they stay queued and are retried, the rest of the batch is done).
    /// </summary>
    public sealed record Success(int DuplicatesSuppressed) : TransferOutcome
    {
        public static readonly Success Clean = new(0);

        public ImmutableArray<RecipientRefusal> Refused { get; init; } = ImmutableArray<RecipientRefusal>.Empty;

        public ImmutableArray<string> Deferred { get; init; } = ImmutableArray<string>.Empty;
    }

    public sealed record Failure(TransferFailure Kind, string Reason) : TransferOutcome;
}
