using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using MtaActors.Core.Topology;

namespace MtaActors.Core.Tests.Topology;

/// <summary>
/// Random mutations of the sample topology (fields removed, renamed, retyped, given hostile values; the text cut or its
/// bytes flipped) either load or are refused with one <see cref="TopologyException"/> line naming the file: never another
/// exception, never a multi-line reason. CsCheck prints the seed of a failure, so it can be replayed.
/// </summary>
public sealed class TopologyPropertySpec : IDisposable
{
    private static readonly JsonNode?[] HostileValues =
    [
        null, true, 0, -1, 1e308, long.MaxValue, "", " ", "x", "-00:00:01", "99:99:99", "10675199.02:48:05.4775808",
        "*@*", "@", "a@", "/O=//*", "c=;p=", "\u0000", "\uD800", new string('a', 5000), new JsonArray(), new JsonObject(),
        new JsonArray(JsonValue.Create(1), JsonValue.Create("two")), new JsonObject { ["unexpected"] = 1 },
    ];

    private static readonly string Sample = File.ReadAllText(RepositoryFiles.Find("config/topology.json"));

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Mutated_topologies_load_or_are_refused_with_one_line_naming_the_file()
    {
        var loaded = 0;
        var refused = 0;
        Gen.Int[0, int.MaxValue].Select(Gen.Int[1, 4]).Sample((seed, mutations) =>
        {
            var random = new Random(seed);
            var text = Mutate(Sample, mutations, random);
            var path = _folder.Write($"topology-{seed}-{mutations}.json", text);
            try
            {
                TopologyLoader.Load(path);
                Interlocked.Increment(ref loaded);
            }
            catch (TopologyException e)
            {
                Interlocked.Increment(ref refused);
                Assert.StartsWith($"{path}: ", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', e.Message);
                Assert.DoesNotContain('\r', e.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 400);

        // Both outcomes occur, so the corpus exercises the validator rather than only the JSON parser.
        Assert.True(loaded > 0 && refused > 0, $"{loaded} loaded, {refused} refused");
    }

    private static string Mutate(string sample, int mutations, Random random)
    {
        var root = JsonNode.Parse(sample, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        for (var i = 0; i < mutations; i++)
        {
            var nodes = Descendants(root).ToList();
            var (parent, key, _) = nodes[random.Next(nodes.Count)];
            switch (random.Next(5))
            {
                case 0:
                    Remove(parent, key);
                    break;
                case 1 when parent is JsonObject obj && key is string name:
                    var value = obj[name];
                    obj.Remove(name);
                    obj[Misspell(name, random)] = value;
                    break;
                case 1 or 2:
                    Set(parent, key, HostileValues[random.Next(HostileValues.Length)]?.DeepClone());
                    break;
                case 3 when parent is JsonArray array && key is int index:
                    array.Add(array[index]?.DeepClone()); // a duplicate entry: a link, mailbox or address space twice
                    break;
                default:
                    Set(parent, key, JsonValue.Create(RandomText(random)));
                    break;
            }
        }

        var text = root.ToJsonString();
        return random.Next(6) switch
        {
            0 => text[..random.Next(text.Length)], // cut short
            1 => FlipByte(text, random),
            _ => text,
        };
    }

    private static IEnumerable<(JsonNode Parent, object Key, JsonNode? Node)> Descendants(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj.ToList())
            {
                yield return (obj, name, child);
                if (child is not null)
                {
                    foreach (var below in Descendants(child))
                    {
                        yield return below;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, i, array[i]);
                if (array[i] is { } child)
                {
                    foreach (var below in Descendants(child))
                    {
                        yield return below;
                    }
                }
            }
        }
    }

    private static void Remove(JsonNode parent, object key)
    {
        if (parent is JsonObject obj)
        {
            obj.Remove((string)key);
        }
        else
        {
            ((JsonArray)parent).RemoveAt((int)key);
        }
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[(string)key] = value;
        }
        else
        {
            ((JsonArray)parent)[(int)key] = value;
        }
    }

    private static string Misspell(string name, Random random)
        => name.Length < 2 ? name + "x" : name.Remove(random.Next(name.Length), 1);

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(0, 40); i > 0; i--)
        {
            builder.Append((char)random.Next(1, 0x3000));
        }

        return builder.ToString();
    }

    private static string FlipByte(string text, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return Encoding.UTF8.GetString(bytes);
    }
}
