namespace MtaActors.Engine.Faults;

/// <summary>
/// The random draws of one link (toxicity, rates, jitter, which envelope is damaged), from a generator seeded by the
/// switchboard's seed and the link's name. Each link has its own sequence, so what one link draws never shifts
/// another's: the same seed and the same transfers on a link make the same fault decisions.
/// </summary>
public sealed class FaultDice
{
    private readonly Random _random;
    private readonly Lock _gate = new();

    /// <summary>Dice for <paramref name="link"/> (case-insensitive) under <paramref name="seed"/>.</summary>
    public FaultDice(int seed, string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        _random = new Random(seed ^ StableHash(link));
    }

    /// <summary>A uniform draw in [0, 1).</summary>
    public double NextDouble()
    {
        // Random is not thread-safe, and transfers of one link may overlap.
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>True with probability <paramref name="probability"/>; 0 and 1 decide without a draw.</summary>
    public bool Roll(double probability) => probability >= 1 || (probability > 0 && NextDouble() < probability);

    /// <summary>FNV-1a over the lower-case name: string.GetHashCode changes from one process to the next.</summary>
    private static int StableHash(string link)
    {
        var hash = 2166136261u;
        foreach (var c in link.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
