using System.Collections.Immutable;

namespace MtaActors.Engine.Faults;

/// <summary>
/// The live fault switchboard: which faults are set on which link. Thread-safe and lock-free to read,
/// because every transfer of every link consults it from the thread pool; one fault per kind per link.
/// Link names compare case-insensitively.
/// </summary>
public sealed class FaultSwitchboard
{
    private static readonly ImmutableDictionary<string, ImmutableArray<ActiveFault>> Empty =
        ImmutableDictionary.Create<string, ImmutableArray<ActiveFault>>(StringComparer.OrdinalIgnoreCase);

    private readonly TimeProvider _time;
    private readonly Lock _writeGate = new();

    // Readers take the reference as it is; writers build a new dictionary under the gate and publish it.
    private volatile ImmutableDictionary<string, ImmutableArray<ActiveFault>> _faults = Empty;

    /// <summary>A switchboard on the system clock.</summary>
    public FaultSwitchboard()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A switchboard that stamps faults with <paramref name="time"/>; give transports the same clock.</summary>
    public FaultSwitchboard(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Which kinds each link's transport can apply; the fault API asks it before <see cref="Set"/>.</summary>
    public FaultSupport Support { get; } = new();

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
}
