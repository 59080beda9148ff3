using System.Text.Json.Nodes;
using static MtaActors.Core.Tests.Topology.TopologyJson;

namespace MtaActors.Core.Tests.Topology;

/// <summary>Every validation rule of the topology file, each checked by the exact field path and problem it reports.</summary>
public sealed class TopologyValidationSpec
{
    [Fact]
    public void Minimal_topology_is_valid()
    {
        var topology = Load(Minimal());

        Assert.Equal(["x400-paris", "imc-internet"], topology.Links.Select(link => link.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-3)]
    public void Address_space_cost_outside_1_to_100_names_the_space(int cost)
    {
        var json = Minimal().Set("links[1].addressSpaces[0].cost", cost);

        Assert.Equal($"{Source}: links[1].addressSpaces[0].cost: must be between 1 and 100 (got {cost})", Error(json));
    }

    [Fact]
    public void Address_space_cost_that_is_not_a_number_is_refused()
    {
        var json = Minimal().Set("links[0].addressSpaces[0].cost", "cheap");

        Assert.Equal($"{Source}: links[0].addressSpaces[0].cost: must be a whole number (got 'cheap')", Error(json));
    }

    [Fact]
    public void Unknown_link_kind_lists_the_known_kinds()
    {
        var json = Minimal().Set("links[1].kind", "x401");

        Assert.Equal($"{Source}: links[1].kind: unknown kind 'x401' (expected x400, site, ras, smtp-gateway, msmail, edk)", Error(json));
    }

    [Fact]
    public void Second_link_with_the_same_name_is_the_duplicate()
    {
        var json = Minimal().Set("links[1].name", "x400-paris");

        Assert.Equal($"{Source}: links[1].name: duplicate link name 'x400-paris'", Error(json));
    }

    [Theory]
    [InlineData("X400-Paris")]
    [InlineData("-paris")]
    [InlineData("x400_paris")]
    [InlineData("x400 paris")]
    [InlineData("x400/paris")]
    public void Link_name_must_be_lower_case_kebab(string name)
    {
        var json = Minimal().Set("links[0].name", name);

        Assert.Equal(
            $"{Source}: links[0].name: '{name}' is not a valid link name (lower-case letters, digits and '-', not starting with '-')",
            Error(json));
    }

    [Theory]
    [InlineData("local-store")]
    [InlineData("work-queue")]
    public void Built_in_queue_names_are_reserved(string name)
    {
        var json = Minimal().Set("links[1].name", name);

        Assert.Equal($"{Source}: links[1].name: '{name}' is reserved for a built-in queue", Error(json));
    }

    [Theory]
    [InlineData("server")]
    [InlineData("server.name")]
    [InlineData("server.site")]
    [InlineData("server.organization")]
    [InlineData("server.postmaster")]
    [InlineData("links[0].name")]
    [InlineData("links[0].kind")]
    [InlineData("links[0].addressSpaces[0].type")]
    [InlineData("links[0].addressSpaces[0].pattern")]
    [InlineData("links[1].remote")]
    [InlineData("links[1].remote.site")]
    [InlineData("local.addressSpaces[1].pattern")]
    [InlineData("local.mailboxes[1].name")]
    [InlineData("local.distributionLists[0].name")]
    [InlineData("local.distributionLists[0].address")]
    public void Missing_required_field_is_named(string path)
    {
        var json = Minimal().Without(path);

        Assert.Equal($"{Source}: {path}: is required", Error(json));
    }

    [Fact]
    public void Blank_required_field_counts_as_missing()
    {
        var json = Minimal().Set("server.name", "  ");

        Assert.Equal($"{Source}: server.name: is required", Error(json));
    }

    [Theory]
    [InlineData("defaults.retry.openInterval", "soon")]
    [InlineData("defaults.retry.openInterval", "5")]
    [InlineData("defaults.retry.transferTimeout.normal", "00:00:61")]
    [InlineData("links[0].retry.transferTimeout.urgent", "1 second")]
    [InlineData("links[0].remote.latency", "2ms")]
    [InlineData("routing.defaultExpiry", "two days")]
    public void Malformed_duration_is_refused_with_the_expected_form(string path, string value)
    {
        var json = Minimal().Set(path, value);

        Assert.Equal(
            $"{Source}: {path}: not a duration '{value}' (expected [d.]hh:mm:ss[.fffffff], e.g. 00:00:05)",
            Error(json));
    }

    [Theory]
    [InlineData("defaults.retry.maxOpenRetries", 0)]
    [InlineData("defaults.retry.maxOpenRetries", -1)]
    [InlineData("links[1].retry.maxOpenRetries", 0)]
    public void Open_retries_must_be_positive(string path, int retries)
    {
        var json = Minimal().Set(path, retries);

        Assert.Equal($"{Source}: {path}: must be between 1 and 1000 (got {retries})", Error(json));
    }

    [Theory]
    [InlineData("defaults.retry.openInterval", "00:00:00")]
    [InlineData("defaults.retry.transferTimeout.urgent", "-00:00:05")]
    [InlineData("links[0].retry.transferTimeout.nonUrgent", "00:00:00")]
    [InlineData("routing.defaultExpiry", "00:00:00")]
    public void Intervals_and_timeouts_must_be_positive(string path, string value)
    {
        var json = Minimal().Set(path, value);

        Assert.Equal($"{Source}: {path}: must be positive (got {value})", Error(json));
    }

    [Fact]
    public void Latency_may_be_zero_but_not_negative()
    {
        Assert.Equal(TimeSpan.Zero, Load(Minimal().Set("links[0].remote.latency", "00:00:00")).Links[0].Remote.Latency);

        var json = Minimal().Set("links[0].remote.latency", "-00:00:00.002");

        Assert.Equal($"{Source}: links[0].remote.latency: must not be negative (got -00:00:00.002)", Error(json));
    }

    [Theory]
    [InlineData("routing.maxHops", 0, 1, 1000)]
    [InlineData("defaults.maxBatchSize", 0, 1, 10000)]
    [InlineData("links[0].maxBatchSize", 10001, 1, 10000)]
    [InlineData("routing.idWindowSize", -1, 0, 10000000)]
    public void Counts_outside_their_range_are_refused(string path, int value, int min, int max)
    {
        var json = Minimal().Set(path, value);

        Assert.Equal($"{Source}: {path}: must be between {min} and {max} (got {value})", Error(json));
    }

    [Fact]
    public void Secured_must_be_a_boolean()
    {
        var json = Minimal().Set("links[0].secured", "yes");

        Assert.Equal($"{Source}: links[0].secured: must be true or false (got 'yes')", Error(json));
    }

    [Theory]
    [InlineData("server.postmaster")]
    [InlineData("local.mailboxes[1].addresses[1]")]
    [InlineData("local.distributionLists[0].address")]
    [InlineData("local.distributionLists[0].members[1]")]
    public void Malformed_address_carries_the_parser_reason(string path)
    {
        var json = Minimal().Set(path, "not an address");

        var message = Error(json);

        Assert.StartsWith($"{Source}: {path}: malformed address 'not an address': ", message);
        Assert.True(message.Length > $"{Source}: {path}: malformed address 'not an address': ".Length, "the parser's reason is missing");
    }

    [Fact]
    public void Unknown_address_type_lists_the_known_types()
    {
        var json = Minimal().Set("links[0].addressSpaces[0].type", "fax");

        Assert.Equal($"{Source}: links[0].addressSpaces[0].type: unknown address type 'fax' (expected smtp, x400, dn)", Error(json));
    }

    [Fact]
    public void Malformed_pattern_carries_the_parser_reason()
    {
        var json = Minimal().Set("local.addressSpaces[0].pattern", "not a pattern");

        Assert.StartsWith($"{Source}: local.addressSpaces[0].pattern: malformed pattern 'not a pattern': ", Error(json));
    }

    [Fact]
    public void Same_address_space_twice_on_one_link_is_refused()
    {
        var json = Minimal().Set("links[0].addressSpaces[1]", new JsonObject { ["type"] = "X400", ["pattern"] = "c=FR;p=Contoso;o=Paris", ["cost"] = 3 });

        Assert.StartsWith($"{Source}: links[0].addressSpaces[1]: duplicate address space x400 '", Error(json));
    }

    [Fact]
    public void Mailbox_address_outside_every_local_space_is_refused()
    {
        var json = Minimal().Set("local.mailboxes[2].addresses[0]", "mjones@paris.contoso.com");

        Assert.Equal($"{Source}: local.mailboxes[2].addresses[0]: 'mjones@paris.contoso.com' is outside every local address space", Error(json));
    }

    [Fact]
    public void List_address_outside_every_local_space_is_refused()
    {
        var json = Minimal().Set("local.distributionLists[0].address", "team@paris.contoso.com");

        Assert.Equal($"{Source}: local.distributionLists[0].address: 'team@paris.contoso.com' is outside every local address space", Error(json));
    }

    [Fact]
    public void Address_used_by_two_mailboxes_is_refused_in_canonical_form()
    {
        var json = Minimal().Set("local.mailboxes[2].addresses[0]", "JSmith@London.Contoso.com");

        Assert.Equal(
            $"{Source}: local.mailboxes[2].addresses[0]: duplicate address 'jsmith@london.contoso.com' (already used by mailbox 'jsmith')",
            Error(json));
    }

    [Fact]
    public void List_address_that_a_mailbox_already_has_is_refused()
    {
        var json = Minimal().Set("local.distributionLists[0].address", "mjones@london.contoso.com");

        Assert.Equal(
            $"{Source}: local.distributionLists[0].address: duplicate address 'mjones@london.contoso.com' (already used by mailbox 'mjones')",
            Error(json));
    }

    [Fact]
    public void Mailbox_and_list_names_share_one_namespace()
    {
        var json = Minimal().Set("local.distributionLists[0].name", "JSmith");

        Assert.Equal($"{Source}: local.distributionLists[0].name: duplicate name 'JSmith' (already used by local.mailboxes[1])", Error(json));
    }

    [Fact]
    public void Mailbox_without_addresses_is_refused()
    {
        var json = Minimal().Set("local.mailboxes[0].addresses", new JsonArray());

        Assert.Equal($"{Source}: local.mailboxes[0].addresses: must list at least one address", Error(json));
    }

    [Fact]
    public void Local_list_member_that_nobody_owns_is_refused()
    {
        var json = Minimal().Set("local.distributionLists[0].members[1]", "nobody@london.contoso.com");

        Assert.Equal(
            $"{Source}: local.distributionLists[0].members[1]: 'nobody@london.contoso.com' is in a local address space but is no mailbox or distribution list",
            Error(json));
    }

    [Fact]
    public void Remote_list_member_is_accepted()
    {
        var json = Minimal().Set("local.distributionLists[0].members[1]", "mdubois@paris.contoso.com");

        var list = Load(json).Directory.Lists.Single();

        Assert.Contains(list.Members, member => member.Value == "mdubois@paris.contoso.com");
    }

    [Fact]
    public void List_may_name_a_list_declared_after_it()
    {
        var json = Minimal();
        json.At("local.distributionLists").AsArray().Add(new JsonObject
        {
            ["name"] = "everyone",
            ["address"] = "everyone@london.contoso.com",
            ["members"] = new JsonArray("postmaster@london.contoso.com"),
        });
        json.At("local.distributionLists[0].members").AsArray().Add("everyone@london.contoso.com");

        var lists = Load(json).Directory.Lists;

        Assert.Contains(lists[0].Members, member => member == lists[1].Address);
    }

    [Fact]
    public void Same_member_twice_in_a_list_is_refused()
    {
        var json = Minimal().Set("local.distributionLists[0].members[1]", "JSMITH@london.contoso.com");

        Assert.Equal($"{Source}: local.distributionLists[0].members[1]: duplicate member 'jsmith@london.contoso.com'", Error(json));
    }

    [Fact]
    public void List_without_members_is_refused()
    {
        var json = Minimal().Set("local.distributionLists[0].members", new JsonArray());

        Assert.Equal($"{Source}: local.distributionLists[0].members: must list at least one member", Error(json));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Link_without_address_spaces_is_refused(bool emptyRatherThanMissing)
    {
        var json = emptyRatherThanMissing
            ? Minimal().Set("links[1].addressSpaces", new JsonArray())
            : Minimal().Without("links[1].addressSpaces");

        Assert.Equal($"{Source}: links[1].addressSpaces: must list at least one address space", Error(json));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Topology_without_links_is_refused(bool emptyRatherThanMissing)
    {
        var json = emptyRatherThanMissing ? Minimal().Set("links", new JsonArray()) : Minimal().Without("links");

        Assert.Equal($"{Source}: links: must list at least one link", Error(json));
    }

    [Fact]
    public void Link_to_the_servers_own_site_is_refused()
    {
        var json = Minimal().Set("links[0].remote.site", "london");

        Assert.Equal($"{Source}: links[0].remote.site: 'london' is this server's own site", Error(json));
    }

    [Fact]
    public void Links_to_one_site_must_agree_on_its_latency()
    {
        var json = Minimal()
            .Set("links[0].remote.latency", "00:00:00.002")
            .Set("links[1].remote", new JsonObject { ["site"] = "Paris", ["latency"] = "00:00:00.003" });

        Assert.Equal(
            $"{Source}: links[1].remote.latency: site 'Paris' already has latency 00:00:00.0020000 (links[0].remote.latency)",
            Error(json));
    }
}
