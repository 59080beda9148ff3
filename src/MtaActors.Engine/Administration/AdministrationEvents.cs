using System.Collections.Immutable;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.Administration;

/// <summary>An operator suspended a link (survives a restart: the link starts suspended).</summary>
public sealed record LinkSuspensionRecorded(string Link, string Reason) : IPersistedEvent;

/// <summary>An operator resumed a link.</summary>
public sealed record LinkResumptionRecorded(string Link) : IPersistedEvent;

/// <summary>An operator disabled the whole MTA: every outbound link holds its mail until enabled.</summary>
public sealed record MtaDisabledRecorded(string Reason) : IPersistedEvent;

/// <summary>An operator enabled the MTA again.</summary>
public sealed record MtaEnabledRecorded : IPersistedEvent;

/// <summary>The whole administrative state at one sequence number.</summary>
public sealed record AdministrationSnapshot(ImmutableSortedDictionary<string, string> SuspendedLinks, string? DisabledReason) : IPersistedEvent;
