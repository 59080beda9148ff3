namespace MtaActors.Host.Operations;

/// <summary>
/// The first line of a backlog archive: what it is (<see cref="Format"/>, <see cref="Version"/>), when it was made, how
/// many messages follow, and the SHA-256 (hex) of every byte after the header line, so damage is found before a replay.
/// </summary>
public sealed record ArchiveHeader(string Format, int Version, DateTimeOffset CreatedAt, int Count, string Sha256, string? Source = null)
{
    public const string FormatName = "mta-backlog";

    public const int CurrentVersion = 1;
}
