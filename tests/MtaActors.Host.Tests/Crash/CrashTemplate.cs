using System.Collections.Immutable;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// One shape of message in the crash load: the recipients it is sent to, and the (recipient as the far end records
/// it) deliveries that must each happen exactly once once it is accepted.
/// </summary>
internal sealed record CrashTemplate(string Name, ImmutableArray<string> To, ImmutableArray<string> Expected);
