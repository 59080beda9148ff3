using System.Collections.Immutable;

namespace MtaActors.Engine.Faults;

/// <summary>
/// Which fault kinds mean something on which link. Every kind applies to the simulated transports; a link on a real
/// protocol supports only the kinds its transport can apply (an SMTP link cannot damage a checksum the far end never
/// checks), and the fault API refuses the others with a reason. Thread-safe; links compare case-insensitively.
/// </summary>
public sealed class FaultSupport
{
    private ImmutableDictionary<string, (ImmutableArray<string> Kinds, string Transport)> _limited =
        ImmutableDictionary.Create<string, (ImmutableArray<string>, string)>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Declares that <paramref name="link"/>'s <paramref name="transport"/> applies only <paramref name="kinds"/>.</summary>
    public void Limit(string link, IEnumerable<string> kinds, string transport)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        ArgumentNullException.ThrowIfNull(kinds);
        ImmutableInterlocked.Update(ref _limited, limited => limited.SetItem(link, ([.. kinds], transport)));
    }

    /// <summary>Why <paramref name="kind"/> cannot be set on <paramref name="link"/>, or null when it can.</summary>
    public string? Refusal(string link, string kind)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(kind);
        return _limited.TryGetValue(link, out var limit) && !limit.Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase)
            ? $"'{kind}' has no meaning on {link}, an {limit.Transport} link (it takes {string.Join(", ", limit.Kinds)})"
            : null;
    }
}
