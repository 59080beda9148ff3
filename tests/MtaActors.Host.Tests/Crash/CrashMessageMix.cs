using System.Collections.Immutable;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// The mixed load of the crash test over the sample topology (<c>config/topology.json</c>): local mailboxes, a
/// distribution list, non-secured links (X.400 and site connectors to Paris and New York) and secured ones (the
/// smtp-gateway, msmail and edk queues). Expected deliveries are written out by hand from the topology, so a routing
/// change that drops or adds a recipient fails the test instead of silently changing what is counted.
/// </summary>
internal static class CrashMessageMix
{
    public static readonly ImmutableArray<CrashTemplate> Templates =
    [
        new("local", ["jsmith@london.contoso.com", "mjones@london.contoso.com"], ["jsmith@london.contoso.com", "mjones@london.contoso.com"]),
        new(
            "list",
            ["london-sales@london.contoso.com"],
            ["jsmith@london.contoso.com", "mjones@london.contoso.com", "mdubois@paris.contoso.com"]),
        new("non-secured", ["pdupont@paris.contoso.com", "kwong@newyork.contoso.com"], ["pdupont@paris.contoso.com", "kwong@newyork.contoso.com"]),
        new(
            "secured",
            ["partner@example.com", "jdoe@msmail.contoso.com", "sales@fax.contoso.com"],
            ["partner@example.com", "jdoe@msmail.contoso.com", "sales@fax.contoso.com"]),
        new(
            "mixed",
            ["apatel@london.contoso.com", "pdupont@paris.contoso.com", "buyer@example.org", "jdoe@msmail.contoso.com", "all-london@london.contoso.com"],
            [
                "apatel@london.contoso.com", "pdupont@paris.contoso.com", "buyer@example.org", "jdoe@msmail.contoso.com",
                // all-london: london-sales (jsmith, mjones, mdubois@paris), apatel (already there), ewilson, tbrown, jsmith.
                "jsmith@london.contoso.com", "mjones@london.contoso.com", "mdubois@paris.contoso.com", "ewilson@london.contoso.com", "tbrown@london.contoso.com",
            ]),
    ];

    /// <summary>Links a crash run may slow down or make drop mid-transfer, to keep transfers in flight when the kill comes.</summary>
    public static readonly ImmutableArray<string> Links = ["x400-paris", "site-paris", "x400-newyork", "imc-internet", "msmail-pc", "edk-fax", "local-store"];

    public static readonly ImmutableArray<string> Priorities = ["urgent", "normal", "non-urgent"];
}
