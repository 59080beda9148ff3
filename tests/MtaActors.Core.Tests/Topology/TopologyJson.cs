using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using MtaActors.Core.Topology;

namespace MtaActors.Core.Tests.Topology;

/// <summary>
/// A small valid topology as a mutable JSON tree, so each test breaks exactly one thing and checks the message,
/// and a way to load such a tree the same way the daemon loads its file.
/// </summary>
internal static class TopologyJson
{
    public const string Source = "test/topology.json";

    private const string MinimalText = """
        {
          "server": { "name": "LON-MTA-01", "site": "London", "organization": "Contoso", "postmaster": "postmaster@london.contoso.com" },
          "local": {
            "addressSpaces": [
              { "type": "smtp", "pattern": "*@london.contoso.com" },
              { "type": "x400", "pattern": "c=GB;p=Contoso;o=London" },
              { "type": "dn", "pattern": "/O=CONTOSO/OU=LONDON/*" }
            ],
            "mailboxes": [
              { "name": "postmaster", "addresses": [ "postmaster@london.contoso.com" ] },
              { "name": "jsmith", "addresses": [ "jsmith@london.contoso.com", "c=GB;a= ;p=Contoso;o=London;s=Smith;g=John", "/O=CONTOSO/OU=LONDON/CN=RECIPIENTS/CN=JSMITH" ] },
              { "name": "mjones", "addresses": [ "mjones@london.contoso.com" ] }
            ],
            "distributionLists": [
              { "name": "team", "address": "team@london.contoso.com", "members": [ "jsmith@london.contoso.com", "mjones@london.contoso.com" ] }
            ]
          },
          "links": [
            { "name": "x400-paris", "kind": "x400", "addressSpaces": [ { "type": "x400", "pattern": "c=FR;p=Contoso;o=Paris" } ], "remote": { "site": "Paris" } },
            { "name": "imc-internet", "kind": "smtp-gateway", "addressSpaces": [ { "type": "smtp", "pattern": "*", "cost": 10 } ], "remote": { "site": "Internet", "latency": "00:00:00.005" } }
          ]
        }
        """;

    public static JsonObject Minimal() => JsonNode.Parse(MinimalText)!.AsObject();

    public static MtaActors.Core.Topology.Topology Load(JsonNode json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString()));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return TopologyLoader.Load(configuration, Source);
    }

    public static string Error(JsonNode json) => Assert.Throws<TopologyException>(() => Load(json)).Message;

    /// <summary>
    /// Replaces the node at a path such as <c>links[0].remote.site</c> (or appends, for the index one past the end),
    /// creating missing objects on the way.
    /// </summary>
    public static JsonObject Set(this JsonObject root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        if (last is int index && index == parent.AsArray().Count)
        {
            parent.AsArray().Add(value);
        }
        else if (last is int existing)
        {
            parent.AsArray()[existing] = value;
        }
        else
        {
            parent.AsObject()[(string)last] = value;
        }

        return root;
    }

    public static JsonObject Without(this JsonObject root, string path)
    {
        var (parent, last) = Parent(root, path);
        if (last is int index)
        {
            parent.AsArray().RemoveAt(index);
        }
        else
        {
            parent.AsObject().Remove((string)last);
        }

        return root;
    }

    public static JsonNode At(this JsonObject root, string path)
    {
        var (parent, last) = Parent(root, path);
        return (last is int index ? parent.AsArray()[index] : parent.AsObject()[(string)last])
            ?? throw new InvalidOperationException($"nothing at {path}");
    }

    private static (JsonNode Parent, object Last) Parent(JsonObject root, string path)
    {
        var segments = Segments(path).ToList();
        JsonNode node = root;
        foreach (var segment in segments[..^1])
        {
            if (segment is int index)
            {
                node = node.AsArray()[index]!;
            }
            else
            {
                var key = (string)segment;
                node = node.AsObject()[key] ??= new JsonObject();
            }
        }

        return (node, segments[^1]);
    }

    private static IEnumerable<object> Segments(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            yield return bracket < 0 ? part : part[..bracket];
            if (bracket >= 0)
            {
                foreach (var index in part[(bracket + 1)..^1].Split("]["))
                {
                    yield return int.Parse(index, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
    }
}
