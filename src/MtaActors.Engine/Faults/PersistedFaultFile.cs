using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MtaActors.Engine.Hosting;

namespace MtaActors.Engine.Faults;

/// <summary>
/// The faults set with <c>"persist": true</c>, kept in the data folder (<c>faults.json</c>, 0600) so that a daemon
/// killed with SIGKILL sets them again when it starts: a kill -9 scenario keeps its faults. The whole file is written
/// to a temporary file beside it, flushed to disk and renamed over the old one, so a crash mid-write leaves the old file
/// or the new one, never half of either. No persisted fault: no file.
/// <code>{ "faults": [ { "link": "x400-paris", "fault": { "kind": "down", "persist": true } } ] }</code>
/// </summary>
public sealed class PersistedFaultFile
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "faults.json";

    private readonly SemaphoreSlim _writing = new(1, 1);

    public PersistedFaultFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    /// <summary>The file of <paramref name="dataDirectory"/>.</summary>
    public static PersistedFaultFile In(string dataDirectory) => new(System.IO.Path.Combine(dataDirectory, FileName));

    /// <summary>
    /// Writes what <paramref name="snapshot"/> gives at the moment the write starts (after any write in progress), so
    /// concurrent changes end with the file matching the switchboard's latest state, whatever order they finish in.
    /// </summary>
    public async Task WriteAsync(Func<ImmutableArray<(string Link, FaultSpec Fault)>> snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var faults = snapshot();
            if (faults.IsEmpty)
            {
                File.Delete(Path);
                return;
            }

            var entries = new JsonArray();
            foreach (var (link, fault) in faults)
            {
                entries.Add(new JsonObject { ["link"] = link, ["fault"] = FaultSpecJson.ToJson(fault) });
            }

            var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["faults"] = entries }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            var temporary = Path + ".tmp";
            var options = PrivateStorage.OwnerOnly(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous });
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// The faults the file holds, and one line for each entry that cannot be used (named by its place in the file),
    /// which the caller reports and skips: a damaged file never keeps the daemon from starting. No file: nothing.
    /// </summary>
    public async Task<(ImmutableArray<(string Link, FaultSpec Fault)> Faults, ImmutableArray<string> Problems)> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return ([], []);
        }

        var text = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            return ([], [$"{Path}: malformed JSON: {e.Message.ReplaceLineEndings(" ")}"]);
        }

        if (root?["faults"] is not JsonArray entries)
        {
            return ([], [$"{Path}: faults: expected an array"]);
        }

        var faults = ImmutableArray.CreateBuilder<(string, FaultSpec)>();
        var problems = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry?["link"] is not JsonValue linkValue || !linkValue.TryGetValue<string>(out var link) || string.IsNullOrWhiteSpace(link))
            {
                problems.Add($"{Path}: faults[{i}].link: expected a link name");
            }
            else if (entry["fault"] is not JsonObject fault)
            {
                problems.Add($"{Path}: faults[{i}].fault: expected a fault object");
            }
            else if (!FaultSpecJson.TryParse(fault.ToJsonString(), out var spec, out var error))
            {
                problems.Add($"{Path}: faults[{i}].fault: {error}");
            }
            else
            {
                faults.Add((link, spec));
            }
        }

        return (faults.ToImmutable(), problems.ToImmutable());
    }
}
