using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;
using MtaActors.Core.Topology;

namespace MtaActors.Host.Bench;

/// <summary>
/// Generates the benchmark topology: this server <c>BENCH</c> (site Bench, local domain bench.local) and
/// <c>N</c> links, link <c>i</c> the only route to <c>*@site{i}.bench</c> (so a failed link holds its own mail and
/// nobody else's) and to its own simulated site with no answer delay. Kinds mix connectors and site links:
/// secured links are gateways (smtp-gateway, msmail, edk in turn), the others x400, site and ras in turn; which
/// links are secured is spread evenly so that a fraction of 0.5 secures every other link.
/// </summary>
internal static class BenchTopology
{
    private static readonly LinkKind[] NonSecuredKinds = [LinkKind.X400, LinkKind.Site, LinkKind.Ras];
    private static readonly LinkKind[] SecuredKinds = [LinkKind.SmtpGateway, LinkKind.MsMail, LinkKind.Edk];

    /// <summary>Retry policy of every generated link: retry after <paramref name="transferTimeout"/>, down after 2 failures in a row.</summary>
    public static RetryPolicy Retry(TimeSpan transferTimeout) => new(transferTimeout, 2, transferTimeout, transferTimeout, transferTimeout);

    public static Topology Generate(int links, double securedFraction, TimeSpan transferTimeout, int maxBatchSize = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(links, 1);
        var retry = Retry(transferTimeout);
        var definitions = ImmutableArray.CreateBuilder<LinkDefinition>(links);
        int secured = 0, nonSecured = 0;
        for (var i = 0; i < links; i++)
        {
            // Link i is secured when the running count of secured links should step up here: an even spread.
            var isSecured = (int)Math.Floor((i + 1) * securedFraction + 1e-9) > (int)Math.Floor(i * securedFraction + 1e-9);
            var kind = isSecured ? SecuredKinds[secured++ % SecuredKinds.Length] : NonSecuredKinds[nonSecured++ % NonSecuredKinds.Length];
            var number = i + 1;
            definitions.Add(new LinkDefinition(
                $"{LinkKinds.ToName(kind)}-{number}",
                kind,
                isSecured,
                [Space($"*@site{number}.bench")],
                retry,
                new RemoteSite($"site{number}", TimeSpan.Zero),
                maxBatchSize));
        }

        var postmaster = Address.Parse("postmaster@bench.local");
        var directory = new LocalDirectory([new LocalMailbox("postmaster", [postmaster])], [], [Space("*@bench.local")]);
        return new Topology(new ServerIdentity("BENCH", "Bench", "Bench", postmaster), directory, definitions.ToImmutable(), RoutingSettings.Default);
    }

    private static AddressSpace Space(string pattern)
        => AddressSpace.TryCreate(AddressType.Smtp, pattern, 1, out var space, out var error) ? space : throw new InvalidOperationException(error);
}
