using System.Collections.Immutable;

namespace MtaActors.Engine.Gateway;

/// <summary>
/// Whether the MTA is disabled (and why), and the links an operator suspended one by one, as <c>/api/mta</c> answers.
/// <see cref="HeldLinks"/> is every link holding its mail for either reason.
/// </summary>
public sealed record MtaAdministrationStatus(bool Disabled, string? Reason, ImmutableArray<string> SuspendedLinks, ImmutableArray<string> HeldLinks);
