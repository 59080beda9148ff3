using System.Text.Json.Nodes;
using MtaActors.Core.Topology;
using static MtaActors.Core.Tests.Topology.TopologyJson;

namespace MtaActors.Core.Tests.Topology;

/// <summary>What the loader fills in when the file leaves a field out, and how link overrides layer over the defaults.</summary>
public sealed class TopologyDefaultsSpec
{
    [Theory]
    [InlineData("x400", false)]
    [InlineData("site", false)]
    [InlineData("ras", false)]
    [InlineData("smtp-gateway", true)]
    [InlineData("msmail", true)]
    [InlineData("edk", true)]
    public void Secured_follows_the_kind_when_omitted(string kind, bool secured)
    {
        var json = Minimal().Set("links[0].kind", kind);

        Assert.Equal(secured, Load(json).Links[0].Secured);
    }

    [Fact]
    public void Explicit_secured_overrides_the_kind()
    {
        var json = Minimal().Set("links[0].secured", true).Set("links[1].secured", false);

        var links = Load(json).Links;

        Assert.True(links[0].Secured);
        Assert.False(links[1].Secured);
    }

    [Fact]
    public void Kinds_and_address_types_are_case_insensitive()
    {
        var json = Minimal().Set("links[1].kind", "SMTP-Gateway").Set("links[1].addressSpaces[0].type", "SMTP");

        var link = Load(json).Links[1];

        Assert.Equal(LinkKind.SmtpGateway, link.Kind);
        Assert.Equal(MtaActors.Core.Addressing.AddressType.Smtp, link.AddressSpaces[0].Type);
    }

    [Fact]
    public void Without_defaults_links_get_the_built_in_retry_policy_and_batch_size()
    {
        var topology = Load(Minimal());

        Assert.All(topology.Links, link => Assert.Equal(RetryPolicy.Default, link.Retry));
        Assert.All(topology.Links, link => Assert.Equal(100, link.MaxBatchSize));
        Assert.Equal(RoutingSettings.Default, topology.Routing);
    }

    [Fact]
    public void Routing_settings_are_read()
    {
        var json = Minimal().Set("routing", new JsonObject { ["maxHops"] = 12, ["defaultExpiry"] = "1.12:00:00" });

        Assert.Equal(new RoutingSettings(12, TimeSpan.FromHours(36)), Load(json).Routing);
    }

    [Fact]
    public void Id_window_is_read_and_defaults_to_a_day_and_100000_ids()
    {
        var json = Minimal().Set("routing", new JsonObject { ["idWindow"] = "02:00:00", ["idWindowSize"] = 500 });

        Assert.Equal(new RoutingSettings(20, TimeSpan.FromHours(48)) { IdWindow = TimeSpan.FromHours(2), IdWindowSize = 500 }, Load(json).Routing);
        Assert.Equal((TimeSpan.FromHours(24), 100_000), (RoutingSettings.Default.IdWindow, RoutingSettings.Default.IdWindowSize));
    }

    [Fact]
    public void Defaults_section_applies_to_every_link_without_its_own()
    {
        var json = Minimal().Set("defaults", JsonNode.Parse("""
            { "retry": { "openInterval": "00:01:00", "maxOpenRetries": 7,
                         "transferTimeout": { "urgent": "00:00:01", "normal": "00:00:02", "nonUrgent": "00:00:03" } },
              "maxBatchSize": 50 }
            """));

        var expected = new RetryPolicy(TimeSpan.FromMinutes(1), 7, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        var links = Load(json).Links;

        Assert.All(links, link => Assert.Equal(expected, link.Retry));
        Assert.All(links, link => Assert.Equal(50, link.MaxBatchSize));
    }

    [Fact]
    public void Partial_defaults_keep_the_built_in_values_for_the_rest()
    {
        var json = Minimal().Set("defaults.retry.maxOpenRetries", 9);

        Assert.Equal(RetryPolicy.Default with { MaxOpenRetries = 9 }, Load(json).Links[0].Retry);
    }

    [Fact]
    public void Link_override_replaces_only_the_fields_it_names()
    {
        var json = Minimal()
            .Set("defaults.retry.openInterval", "00:00:30")
            .Set("defaults.maxBatchSize", 40)
            .Set("links[0].retry", JsonNode.Parse("""{ "maxOpenRetries": 5, "transferTimeout": { "nonUrgent": "00:01:00" } }"""))
            .Set("links[0].maxBatchSize", 10);

        var links = Load(json).Links;

        Assert.Equal(
            RetryPolicy.Default with { OpenInterval = TimeSpan.FromSeconds(30), MaxOpenRetries = 5, NonUrgentTransferTimeout = TimeSpan.FromMinutes(1) },
            links[0].Retry);
        Assert.Equal(10, links[0].MaxBatchSize);
        Assert.Equal(RetryPolicy.Default with { OpenInterval = TimeSpan.FromSeconds(30) }, links[1].Retry);
        Assert.Equal(40, links[1].MaxBatchSize);
    }

    [Fact]
    public void Address_space_cost_defaults_to_1_and_is_kept_when_given()
    {
        var links = Load(Minimal()).Links;

        Assert.Equal(1, links[0].AddressSpaces[0].Cost);
        Assert.Equal(10, links[1].AddressSpaces[0].Cost);
    }

    [Fact]
    public void Omitted_latency_is_zero_and_the_site_is_kept()
    {
        var remote = Load(Minimal()).Links[0].Remote;

        Assert.Equal(new RemoteSite("Paris", TimeSpan.Zero), remote);
    }

    [Fact]
    public void Omitted_local_section_gives_an_empty_directory()
    {
        var json = Minimal().Without("local");

        var directory = Load(json).Directory;

        Assert.Empty(directory.Mailboxes);
        Assert.Empty(directory.Lists);
        Assert.Empty(directory.LocalSpaces);
    }

    [Fact]
    public void Server_identity_is_read_with_a_parsed_postmaster()
    {
        var server = Load(Minimal()).Server;

        Assert.Equal(("LON-MTA-01", "London", "Contoso"), (server.Name, server.Site, server.Organization));
        Assert.Equal("postmaster@london.contoso.com", server.Postmaster.Value);
    }
}
