namespace MtaActors.Core.Topology;

/// <summary>
/// A link's far end spoken to over real SMTP (RFC 5321) instead of a simulated site: the server at
/// <see cref="Host"/>:<see cref="Port"/>, with up to <see cref="Connections"/> connections open to it at once.
/// </summary>
public sealed record SmtpRelay(string Host, int Port, int Connections)
{
    /// <summary>Connections per link when a topology does not say: enough to keep a smarthost busy, few enough to be polite.</summary>
    public const int DefaultConnections = 10;

    /// <summary>The most connections one link may open: beyond this a single far end is being flooded, not served.</summary>
    public const int MaxConnections = 100;

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
