using MtaActors.Core.Topology;

namespace MtaActors.Core.Tests.Topology;

/// <summary>Reading the topology from disk: missing and unparsable files, and messages that name the file as the caller gave it.</summary>
public sealed class TopologyFileSpec : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Missing_file_is_named_as_given()
    {
        var path = Path.Combine(_folder.Path, "absent.json");

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(path));

        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Fact]
    public void Invalid_json_is_one_line_with_the_parser_position()
    {
        var path = _folder.Write("broken.json", "{\n  \"server\": {\n    \"name\": \"LON-MTA-01\",\n  }\n  \"links\": []\n}\n");

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(path));

        Assert.StartsWith($"{path}: invalid JSON: ", error.Message);
        Assert.Contains("LineNumber: 4", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Json_that_is_not_an_object_is_refused()
    {
        var path = _folder.Write("array.json", "[ { \"name\": \"x400-paris\" } ]");

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(path));

        Assert.Equal($"{path}: invalid JSON: Top-level JSON element must be an object. Instead, 'Array' was found.", error.Message);
    }

    [Fact]
    public void Duplicate_json_key_is_refused()
    {
        var path = _folder.Write("twice.json", "{ \"server\": { \"name\": \"LON-MTA-01\", \"name\": \"LON-MTA-02\" } }");

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(path));

        Assert.Equal($"{path}: invalid JSON: A duplicate key 'server:name' was found.", error.Message);
    }

    [Fact]
    public void Validation_errors_name_the_file_as_given()
    {
        var json = TopologyJson.Minimal().Set("links[0].kind", "x401");
        var path = _folder.Write("topology.json", json.ToJsonString());

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(path));

        Assert.StartsWith($"{path}: links[0].kind: unknown kind 'x401'", error.Message);
    }

    [Fact]
    public void Valid_file_with_comments_loads()
    {
        var text = "// the demo server\n" + TopologyJson.Minimal().ToJsonString();
        var path = _folder.Write("topology.json", text);

        var topology = TopologyLoader.Load(path);

        Assert.Equal("LON-MTA-01", topology.Server.Name);
        Assert.Equal(2, topology.Links.Length);
    }
}
