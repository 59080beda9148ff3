using System.Text.Json.Nodes;
using static MtaActors.Core.Tests.Topology.TopologyJson;

namespace MtaActors.Core.Tests.Topology;

/// <summary>Misspelt properties and values of the wrong shape are errors with their path, never silently ignored.</summary>
public sealed class TopologyShapeSpec
{
    [Fact]
    public void Misspelt_top_level_section_is_refused()
    {
        var json = Minimal().Set("defualts", new JsonObject { ["maxBatchSize"] = 5 });

        Assert.Equal(
            $"{Source}: defualts: unknown property (expected one of server, routing, local, defaults, links)",
            Error(json));
    }

    [Fact]
    public void Misspelt_link_property_is_refused_with_its_index()
    {
        var json = Minimal().Set("links[1].adressSpaces", new JsonArray());

        Assert.Equal(
            $"{Source}: links[1].adressSpaces: unknown property (expected one of name, kind, secured, addressSpaces, retry, maxBatchSize, remote)",
            Error(json));
    }

    [Fact]
    public void Local_address_spaces_have_no_cost()
    {
        var json = Minimal().Set("local.addressSpaces[0].cost", 1);

        Assert.Equal($"{Source}: local.addressSpaces[0].cost: unknown property (expected one of type, pattern)", Error(json));
    }

    [Fact]
    public void Misspelt_nested_retry_field_is_refused()
    {
        var json = Minimal().Set("links[0].retry.transferTimeout.low", "00:00:30");

        Assert.Equal(
            $"{Source}: links[0].retry.transferTimeout.low: unknown property (expected one of urgent, normal, nonUrgent)",
            Error(json));
    }

    [Fact]
    public void Property_names_are_case_insensitive_and_reported_in_camel_case()
    {
        var json = Minimal();
        var link = json.At("links[0]").AsObject();
        link.Remove("addressSpaces");
        link["AddressSpaces"] = new JsonArray(new JsonObject { ["Type"] = "x400", ["Pattern"] = "c=FR;p=Contoso;o=Paris", ["Cost"] = 0 });

        Assert.Equal($"{Source}: links[0].addressSpaces[0].cost: must be between 1 and 100 (got 0)", Error(json));
    }

    [Fact]
    public void Object_where_an_array_belongs_is_refused()
    {
        var json = Minimal().Set("links", new JsonObject { ["name"] = "x400-paris" });

        Assert.Equal($"{Source}: links: expected an array", Error(json));
    }

    [Fact]
    public void Value_where_an_object_belongs_is_refused()
    {
        var json = Minimal().Set("links[0].retry", "fast");

        Assert.Equal($"{Source}: links[0].retry: expected an object", Error(json));
    }

    [Fact]
    public void Single_address_where_a_list_belongs_is_refused()
    {
        var json = Minimal().Set("local.distributionLists[0].members", "jsmith@london.contoso.com");

        Assert.Equal($"{Source}: local.distributionLists[0].members: expected an array", Error(json));
    }

    [Fact]
    public void Object_where_a_value_belongs_is_refused()
    {
        var json = Minimal().Set("server.name", new JsonObject { ["short"] = "LON" });

        Assert.Equal($"{Source}: server.name: expected a single value, not an object or array", Error(json));
    }

    [Fact]
    public void Empty_array_element_is_refused_so_later_indexes_stay_true()
    {
        var json = Minimal();
        json.At("links").AsArray().Insert(0, new JsonObject());

        Assert.Equal($"{Source}: links[0]: must not be empty", Error(json));
    }
}
