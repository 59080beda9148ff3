using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Topology;

/// <summary>
/// A connector or site link as configured: the link actor and its queue are built from this. <see cref="Smtp"/>, when
/// set, sends the link's mail to a real SMTP server instead of the simulated <see cref="Remote"/> site.
/// </summary>
public sealed record LinkDefinition(
    string Name,
    LinkKind Kind,
    bool Secured,
    ImmutableArray<AddressSpace> AddressSpaces,
    RetryPolicy Retry,
    RemoteSite Remote,
    int MaxBatchSize,
    SmtpRelay? Smtp = null);
