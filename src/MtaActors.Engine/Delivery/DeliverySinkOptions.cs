namespace MtaActors.Engine.Delivery;

/// <summary>How a <see cref="DeliverySink"/> commits and whether it de-duplicates.</summary>
public sealed record DeliverySinkOptions
{
    public static readonly DeliverySinkOptions Default = new();

    /// <summary>
    /// False (the default): a commit completes once the bytes are handed to the operating system, which survives
    /// a killed process. True: also forces them to the disk (fsync), which survives a power loss and costs a disk flush per group commit.
    /// </summary>
    public bool FsyncOnCommit { get; init; }

    /// <summary>
    /// True (the default): a (message, recipient) already delivered is suppressed. False is for tests only: it
    /// delivers duplicates again, so that the exactly-once checks can be shown to fail.
    /// </summary>
    public bool DeduplicationEnabled { get; init; } = true;
}
