using MtaActors.Core.Addressing;

namespace MtaActors.Core.Topology;

/// <summary>This MTA: its name and site (written into traces) and the postmaster address that signs reports.</summary>
public sealed record ServerIdentity(string Name, string Site, string Organization, Address Postmaster);
