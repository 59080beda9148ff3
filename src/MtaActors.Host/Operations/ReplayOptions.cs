namespace MtaActors.Host.Operations;

/// <summary>How a replay runs: chunk size (default 500), an optional rate limit in messages per second, and how long to wait for an unavailable daemon.</summary>
public sealed record ReplayOptions
{
    public const int DefaultChunkSize = 500;

    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Messages per second at most; null for as fast as the daemon accepts.</summary>
    public double? Rate { get; init; }

    /// <summary>Retries of one chunk while the daemon is unavailable (503, no answer) before the replay stops. Default 5.</summary>
    public int UnavailableRetries { get; init; } = 5;

    /// <summary>The first wait before retrying an unavailable daemon; doubled each time. Default 1 s.</summary>
    public TimeSpan UnavailableBackoff { get; init; } = TimeSpan.FromSeconds(1);
}
