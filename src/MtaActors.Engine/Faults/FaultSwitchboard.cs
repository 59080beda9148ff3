using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace MtaActors.Engine.Faults;

/// <summary>
/// The live fault switchboard: which faults are set on which link. Thread-safe and lock-free to read,
/// because every transfer of every link consults it from the thread pool; one fault per kind per link.
/// Link names compare case-insensitively. It also holds the run's <see cref="Seed"/>: every random fault decision is
/// drawn from dice it seeds (<see cref="Draw"/>), so a run replays exactly under the same seed.
/// </summary>
public sealed class FaultSwitchboard
{
    private static readonly ImmutableDictionary<string, ImmutableArray<ActiveFault>> Empty =
        ImmutableDictionary.Create<string, ImmutableArray<ActiveFault>>(StringComparer.OrdinalIgnoreCase);

    private readonly TimeProvider _time;
    private readonly Lock _writeGate = new();

    // Readers take the reference as it is; writers build a new dictionary under the gate and publish it.
    private volatile ImmutableDictionary<string, ImmutableArray<ActiveFault>> _faults = Empty;

    private readonly PersistedFaultFile? _persisted;

    // The seed and the dice it made, swapped together so a draw never mixes two seeds.
    private volatile Seeded _seeded;

    /// <summary>A switchboard on the system clock, with a seed chosen at random (see <see cref="Seed"/>).</summary>
    public FaultSwitchboard()
        : this(TimeProvider.System)
    {
    }

    /// <summary>
    /// A switchboard that stamps faults with <paramref name="time"/> (give transports the same clock) and draws under
    /// <paramref name="seed"/>, or under one chosen at random and reported by <see cref="Seed"/>.
    /// </summary>
    /// <param name="time">Stamps faults; give transports the same clock.</param>
    /// <param name="seed">The seed of every draw; default one chosen at random and reported by <see cref="Seed"/>.</param>
    /// <param name="persisted">Where faults set with <see cref="FaultSpec.Persist"/> are kept (see <see cref="SavePersistedAsync"/>); none keeps nothing.</param>
    public FaultSwitchboard(TimeProvider time, int? seed = null, PersistedFaultFile? persisted = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _seeded = new Seeded(seed ?? Random.Shared.Next());
        _persisted = persisted;
    }

    /// <summary>The seed of every random fault decision: give it back (<see cref="Reseed"/>) to replay a run's draws.</summary>
    public int Seed => _seeded.Seed;

    /// <summary>True when no link has any fault: the transports' fast path.</summary>
    public bool IsEmpty => _faults.IsEmpty;

    /// <summary>The faults set on <paramref name="link"/>, empty when none.</summary>
    public ImmutableArray<FaultSpec> Get(string link)
        => GetActive(link) is { IsEmpty: false } active ? active.Select(fault => fault.Spec).ToImmutableArray() : [];

    /// <summary>The faults set on <paramref name="link"/> with the moment each was set; empty when none.</summary>
    public ImmutableArray<ActiveFault> GetActive(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var faults = _faults;
        return !faults.IsEmpty && faults.TryGetValue(link, out var active) ? active : [];
    }

    /// <summary>A snapshot of every link that has faults (keys compare case-insensitively).</summary>
    public ImmutableDictionary<string, ImmutableArray<ActiveFault>> All() => _faults;

    /// <summary>
    /// Writes the faults set with <see cref="FaultSpec.Persist"/> to the persisted file, as they are now: call it after a
    /// change (the admin API does, before it answers), so the answer means the change survives a kill. No file: nothing.
    /// </summary>
    public Task SavePersistedAsync(CancellationToken cancellationToken)
        => _persisted is null ? Task.CompletedTask : _persisted.WriteAsync(Persisted, cancellationToken);

    /// <summary>
    /// Sets again the faults the persisted file holds (at start, before any transfer); answers the entries it could
    /// not use, one line each, for the caller to report. No file: nothing.
    /// </summary>
    public async Task<ImmutableArray<string>> RestorePersistedAsync(CancellationToken cancellationToken)
    {
        if (_persisted is null)
        {
            return [];
        }

        var (faults, problems) = await _persisted.ReadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (link, fault) in faults)
        {
            Set(link, fault);
        }

        return problems;
    }

    /// <summary>Starts every link's draws again from <paramref name="seed"/>.</summary>
    public void Reseed(int seed) => _seeded = new Seeded(seed);

    /// <summary>
    /// The faults that apply to one transfer, probe or connection on <paramref name="link"/>: each set fault draws its
    /// <see cref="FaultSpec.Toxicity"/> once, in the order the faults were set, on the link's seeded dice. The shared
    /// decision path of every transport and every kind.
    /// </summary>
    public FaultDraw Draw(string link)
    {
        var active = GetActive(link);
        if (active.IsEmpty)
        {
            return FaultDraw.None;
        }

        var dice = _seeded.DiceFor(link);
        var applying = active.All(fault => fault.Spec.Toxicity >= 1) ? active : active.Where(fault => dice.Roll(fault.Spec.Toxicity)).ToImmutableArray();
        return applying.IsEmpty ? FaultDraw.None : new FaultDraw(applying, dice);
    }

    /// <summary>Sets a fault, replacing one of the same kind on that link (and restarting its phase).</summary>
    public void Set(string link, FaultSpec fault)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        ArgumentNullException.ThrowIfNull(fault);
        var active = new ActiveFault(fault, _time.GetUtcNow());
        lock (_writeGate)
        {
            var current = _faults.TryGetValue(link, out var existing) ? existing : [];
            var index = IndexOf(current, fault.Kind);
            var updated = index >= 0 ? current.SetItem(index, active) : current.Add(active);
            _faults = _faults.SetItem(link, updated);
        }
    }

    /// <summary>Clears one kind, or every fault of the link when <paramref name="kind"/> is null; true when something was cleared.</summary>
    public bool Clear(string link, string? kind = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        lock (_writeGate)
        {
            if (!_faults.TryGetValue(link, out var current))
            {
                return false;
            }

            if (kind is null)
            {
                _faults = _faults.Remove(link);
                return true;
            }

            var index = IndexOf(current, kind);
            if (index < 0)
            {
                return false;
            }

            var updated = current.RemoveAt(index);
            _faults = updated.IsEmpty ? _faults.Remove(link) : _faults.SetItem(link, updated);
            return true;
        }
    }

    /// <summary>Clears every fault on every link.</summary>
    public void ClearAll()
    {
        lock (_writeGate)
        {
            _faults = Empty;
        }
    }

    private ImmutableArray<(string Link, FaultSpec Fault)> Persisted()
        => [.. _faults.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .SelectMany(pair => pair.Value.Where(active => active.Spec.Persist).Select(active => (pair.Key, active.Spec)))];

    private static int IndexOf(ImmutableArray<ActiveFault> faults, string kind)
    {
        for (var i = 0; i < faults.Length; i++)
        {
            if (string.Equals(faults[i].Spec.Kind, kind, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A seed and the dice of each link under it, made on first use.</summary>
    private sealed class Seeded(int seed)
    {
        private readonly ConcurrentDictionary<string, FaultDice> _dice = new(StringComparer.OrdinalIgnoreCase);

        public int Seed { get; } = seed;

        public FaultDice DiceFor(string link) => _dice.GetOrAdd(link, static (name, seed) => new FaultDice(seed, name), Seed);
    }
}
