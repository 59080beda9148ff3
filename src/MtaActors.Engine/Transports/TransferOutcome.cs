namespace MtaActors.Engine.Transports;

/// <summary>The result of one transfer or probe.</summary>
public abstract record TransferOutcome
{
    private TransferOutcome() { }

    /// <summary>Everything arrived; <paramref name="DuplicatesSuppressed"/> recipients had already been delivered and were not delivered again.</summary>
    public sealed record Success(int DuplicatesSuppressed) : TransferOutcome
    {
        public static readonly Success Clean = new(0);
    }

    public sealed record Failure(TransferFailure Kind, string Reason) : TransferOutcome;
}
