using System.Collections.Immutable;

namespace MtaActors.Engine.Administration;

/// <summary>
/// What operators switched off: links suspended one by one (with the reason), and whether the whole MTA is disabled.
/// The two are independent: enabling the MTA leaves a link that was suspended on its own suspended.
/// </summary>
public sealed record AdministrationState(ImmutableSortedDictionary<string, string> SuspendedLinks, string? DisabledReason)
{
    public static readonly AdministrationState Empty = new(ImmutableSortedDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase), null);

    public bool MtaDisabled => DisabledReason is not null;

    /// <summary>Why <paramref name="link"/> must hold its mail, or null when it may run.</summary>
    public string? HoldReason(string link)
        => SuspendedLinks.TryGetValue(link, out var reason) ? reason : DisabledReason is { } disabled ? $"the MTA is disabled: {disabled}" : null;

    public AdministrationState Apply(object change) => change switch
    {
        LinkSuspensionRecorded s => this with { SuspendedLinks = SuspendedLinks.SetItem(s.Link, s.Reason) },
        LinkResumptionRecorded r => this with { SuspendedLinks = SuspendedLinks.Remove(r.Link) },
        MtaDisabledRecorded d => this with { DisabledReason = d.Reason },
        MtaEnabledRecorded => this with { DisabledReason = null },
        AdministrationSnapshot snapshot => new AdministrationState(snapshot.SuspendedLinks.WithComparers(StringComparer.OrdinalIgnoreCase), snapshot.DisabledReason),
        _ => this,
    };

    public AdministrationSnapshot ToSnapshot() => new(SuspendedLinks, DisabledReason);
}
