using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;
using MtaActors.Core.Topology;

namespace MtaActors.Tests.Common;

/// <summary>
/// A small topology for engine tests. This server LON (site London) with mailboxes alice and bob, the list
/// team@lon.test (alice, bob, carol@par.test); links x400-par (cost 1) and site-par (cost 2, the alternate) to Paris
/// for *@par.test, the secured gateway imc for everything else (*), and x400-nyc for *@nyc.test with no alternate.
/// Retries are fast: 100 ms open interval, down after 2 failures, 500 ms transfer timeout.
/// </summary>
public static class TestTopologies
{
    public static readonly RetryPolicy FastRetry = new(
        TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));

    public static Topology Small(RetryPolicy? retry = null, Func<LinkDefinition, bool>? include = null, int maxHops = 5, IEnumerable<LinkDefinition>? extra = null)
    {
        var policy = retry ?? FastRetry;
        var mailboxes = new[]
        {
            new LocalMailbox("alice", [Address.Parse("alice@lon.test"), Address.Parse("/O=TEST/OU=LON/CN=RECIPIENTS/CN=ALICE")]),
            new LocalMailbox("bob", [Address.Parse("bob@lon.test")]),
        };
        var lists = new[]
        {
            new DistributionList("team", Address.Parse("team@lon.test"), [Address.Parse("alice@lon.test"), Address.Parse("bob@lon.test"), Address.Parse("carol@par.test")]),
        };
        var directory = new LocalDirectory(mailboxes, lists, [Space(AddressType.Smtp, "*@lon.test", 1), Space(AddressType.ExchangeDn, "/O=TEST/OU=LON", 1)]);
        var links = new[]
        {
            Link("x400-par", LinkKind.X400, "Paris", policy, Space(AddressType.Smtp, "*@par.test", 1)),
            Link("site-par", LinkKind.Site, "Paris", policy, Space(AddressType.Smtp, "*@par.test", 2)),
            Link("x400-nyc", LinkKind.X400, "NewYork", policy, Space(AddressType.Smtp, "*@nyc.test", 1)),
            Link("imc", LinkKind.SmtpGateway, "Internet", policy, Space(AddressType.Smtp, "*", 10)),
        }.Where(l => include?.Invoke(l) ?? true).Concat(extra ?? []);
        return new Topology(
            new ServerIdentity("LON", "London", "Test", Address.Parse("postmaster@lon.test")),
            directory,
            [.. links],
            new RoutingSettings(maxHops, TimeSpan.FromHours(1)));
    }

    public static AddressSpace Space(AddressType type, string pattern, int cost)
        => AddressSpace.TryCreate(type, pattern, cost, out var space, out var error) ? space : throw new ArgumentException(error);

    public static LinkDefinition Link(string name, LinkKind kind, string site, RetryPolicy retry, AddressSpace space)
        => new(name, kind, LinkKinds.SecuredByDefault(kind), [space], retry, new RemoteSite(site, TimeSpan.Zero), 50);
}
