using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// Reads and validates a scenario file. Every problem is one line, <c>FILE: field.path: what is wrong</c>, thrown as
/// <see cref="ScenarioException"/>; unknown keys are errors, because a misspelt key silently ignored is a check that
/// the author believes runs.
/// </summary>
public static class ScenarioLoader
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The sample topology, relative to the current directory, when a scenario names none.</summary>
    public const string DefaultTopology = "config/topology.json";

    public static ScenarioDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException($"{path}: scenario file not found");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{path}: malformed JSON: {e.Message.ReplaceLineEndings(" ")}");
        }

        var reader = new Reader(path);
        return reader.Scenario(root, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    private sealed class Reader(string file)
    {
        public ScenarioDefinition Scenario(JsonNode? node, string folder)
        {
            var root = Object(node, "");
            Known(root, "", "name", "description", "topology", "retry", "journal", "load", "baselineSeconds", "timeline", "drainSeconds", "invariants", "seed");
            var topology = OptionalString(root, "topology", "");
            var topologyPath = topology is null
                ? Path.GetFullPath(DefaultTopology)
                : Path.IsPathRooted(topology) ? topology : Path.GetFullPath(Path.Combine(folder, topology));
            if (!File.Exists(topologyPath))
            {
                throw Fail("topology", $"file not found: {topologyPath}");
            }

            Topology loaded;
            try
            {
                loaded = TopologyLoader.Load(topologyPath);
            }
            catch (TopologyException e)
            {
                throw Fail("topology", e.Message);
            }

            var journal = OptionalString(root, "journal", "") ?? "sqlite";
            if (journal is not ("sqlite" or "memory"))
            {
                throw Fail("journal", $"expected sqlite or memory (got '{journal}')");
            }

            var load = Load(Required(root, "load", ""));
            var timeline = Array(root, "timeline", "").Select((item, i) => Action(item, $"timeline[{i}]", load.DurationSeconds)).ToImmutableArray();
            var baseline = OptionalNumber(root, "baselineSeconds", "", 0, load.DurationSeconds) ?? 0;
            var early = timeline.Select((a, i) => (a, i)).FirstOrDefault(p => p.a.At < baseline && p.a.Action != TimelineActions.Flush);
            if (early.a is not null)
            {
                throw Fail($"timeline[{early.i}].at", $"falls inside the no-fault baseline (the first {baseline:0.##} s)");
            }

            var ordered = timeline.Select((a, i) => (a, i)).OrderBy(p => p.a.At).ToList();
            var replay = ordered.FirstOrDefault(p => p.a.Action == TimelineActions.Replay);
            if (replay.a is not null && !ordered.TakeWhile(p => p.i != replay.i).Any(p => p.a.Action == TimelineActions.Export))
            {
                throw Fail($"timeline[{replay.i}]", "replay needs an earlier export (it replays the archive the export wrote)");
            }

            var paused = false;
            foreach (var (step, i) in ordered)
            {
                if (step.Action == TimelineActions.Pause)
                {
                    paused = paused ? throw Fail($"timeline[{i}]", "the daemon is already paused: resume it first") : true;
                }
                else if (step.Action == TimelineActions.Resume && step.Link is null)
                {
                    paused = paused ? false : throw Fail($"timeline[{i}].link", "required for resume, unless it resumes a paused daemon (after a pause)");
                }
            }

            if (journal == "memory" && timeline.Any(a => a.Action == TimelineActions.Export))
            {
                throw Fail("journal", "export reads the journal: use sqlite");
            }

            var invariants = Array(root, "invariants", "").Select((item, i) => Invariant(item, $"invariants[{i}]", load)).ToImmutableArray();
            if (invariants.IsEmpty)
            {
                throw Fail("invariants", "at least one invariant is required");
            }

            var quarantined = invariants.Select((v, i) => (v, i)).FirstOrDefault(p => p.v.Kind == InvariantKinds.ReplayQuarantined);
            if (quarantined.v is not null && replay.a is null)
            {
                throw Fail($"invariants[{quarantined.i}]", "replay-quarantined needs a replay action in the timeline");
            }

            if (invariants.Any(i => i.Kind == InvariantKinds.Isolation) && baseline <= 0)
            {
                throw Fail("baselineSeconds", "isolation compares against a no-fault baseline: set baselineSeconds above 0");
            }

            return new ScenarioDefinition
            {
                Name = OptionalString(root, "name", "") ?? Path.GetFileNameWithoutExtension(file),
                Description = OptionalString(root, "description", "") ?? "",
                TopologyPath = topologyPath,
                Topology = loaded,
                Retry = root["retry"] is { } retry ? Object(retry, "retry").DeepClone().AsObject() : null,
                Journal = journal,
                Seed = OptionalNumber(root, "seed", "", 0, int.MaxValue) is { } seed
                    ? seed == Math.Floor(seed) ? (int)seed : throw Fail("seed", string.Create(CultureInfo.InvariantCulture, $"expected a whole number (got {seed})"))
                    : null,
                Load = load,
                BaselineSeconds = baseline,
                Timeline = [.. timeline.OrderBy(a => a.At)],
                DrainSeconds = OptionalNumber(root, "drainSeconds", "", 0, 3600) ?? 30,
                Invariants = invariants,
            };
        }

        private LoadDefinition Load(JsonNode node)
        {
            var load = Object(node, "load");
            Known(load, "load.", "rate", "durationSeconds", "streams", "priority", "sizeBytes", "from");
            var streams = Array(load, "streams", "load.").Select((item, i) =>
            {
                var field = $"load.streams[{i}]";
                var stream = Object(item, field);
                Known(stream, field + ".", "name", "to", "weight");
                var recipients = Array(stream, "to", field + ".").Select((r, j) => Address(r, $"{field}.to[{j}]")).ToImmutableArray();
                if (recipients.IsEmpty)
                {
                    throw Fail(field + ".to", "at least one recipient is required");
                }

                return new LoadStream(RequiredString(stream, "name", field + "."), recipients, OptionalNumber(stream, "weight", field + ".", 0, 1_000_000) ?? 1);
            }).ToImmutableArray();
            if (streams.IsEmpty)
            {
                throw Fail("load.streams", "at least one stream is required");
            }

            var duplicate = streams.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Fail("load.streams", $"two streams are named '{duplicate.Key}'");
            }

            var priority = (0.0, 1.0, 0.0);
            if (load["priority"] is { } p)
            {
                var mix = Object(p, "load.priority");
                Known(mix, "load.priority.", "urgent", "normal", "nonUrgent");
                priority = (
                    OptionalNumber(mix, "urgent", "load.priority.", 0, 1_000_000) ?? 0,
                    OptionalNumber(mix, "normal", "load.priority.", 0, 1_000_000) ?? 0,
                    OptionalNumber(mix, "nonUrgent", "load.priority.", 0, 1_000_000) ?? 0);
                if (priority.Item1 + priority.Item2 + priority.Item3 <= 0)
                {
                    throw Fail("load.priority", "at least one weight must be above 0");
                }
            }

            return new LoadDefinition
            {
                Rate = OptionalNumber(load, "rate", "load.", 0.1, 100_000) ?? throw Fail("load.rate", "required (messages a second)"),
                DurationSeconds = OptionalNumber(load, "durationSeconds", "load.", 0.1, 86_400) ?? throw Fail("load.durationSeconds", "required"),
                Streams = streams,
                Priority = priority,
                SizeBytes = (int)(OptionalNumber(load, "sizeBytes", "load.", 0, 10_000_000) ?? 1024),
                From = load["from"] is { } from ? Address(from, "load.from") : "postmaster@london.contoso.com",
            };
        }

        private TimelineAction Action(JsonNode? node, string field, double duration)
        {
            var step = Object(node, field);
            Known(step, field + ".", "at", "action", "link", "fault", "kind", "recipient", "count", "timeoutSeconds", "poison", "chunkSize");
            var action = RequiredString(step, "action", field + ".");
            if (!TimelineActions.All.Contains(action))
            {
                throw Fail(field + ".action", $"unknown action '{action}' (expected {string.Join(", ", TimelineActions.All)})");
            }

            var at = OptionalNumber(step, "at", field + ".", 0, duration) ?? throw Fail(field + ".at", "required (seconds after the load starts)");
            var link = OptionalString(step, "link", field + ".");
            // resume without a link continues a paused daemon; the timeline as a whole checks that a pause came first.
            var needsLink = action is TimelineActions.FaultSet or TimelineActions.FaultClear or TimelineActions.Suspend or TimelineActions.Flush or TimelineActions.RemoveLink;
            if (needsLink && link is null)
            {
                throw Fail(field + ".link", $"required for {action}");
            }

            JsonObject? fault = null;
            if (action == TimelineActions.FaultSet)
            {
                fault = Object(Required(step, "fault", field + "."), field + ".fault").DeepClone().AsObject();
                if (fault["kind"] is not JsonValue)
                {
                    throw Fail(field + ".fault.kind", "required (down, hang, latency, bandwidth, error-rate, flap, corrupt, reset, crash)");
                }

                // The daemon's own parser, at load: a bad fault stops the run before a daemon starts. Its errors start
                // with the field ("toxicity: ..."), which goes under the fault's path.
                if (!FaultSpecJson.TryParse(fault.ToJsonString(), out _, out var faultError))
                {
                    throw Fail(field + ".fault." + faultError.Split(": ", 2)[0], faultError.Split(": ", 2) is [_, var problem] ? problem : faultError);
                }
            }

            if (link is not null && action == TimelineActions.Pause)
            {
                throw Fail(field + ".link", "pause stops the whole daemon (SIGSTOP); use suspend for one link");
            }

            if (link is not null && action is TimelineActions.DisableMta or TimelineActions.EnableMta)
            {
                throw Fail(field + ".link", $"{action} is about the whole MTA; use suspend/resume for one link");
            }

            if (step["poison"] is not null && action != TimelineActions.Export)
            {
                throw Fail(field + ".poison", "only export plants poison messages");
            }

            if (step["chunkSize"] is not null && action != TimelineActions.Replay)
            {
                throw Fail(field + ".chunkSize", "only replay takes a chunk size");
            }

            return new TimelineAction
            {
                At = at,
                Action = action,
                Link = link,
                Fault = fault,
                Kind = OptionalString(step, "kind", field + "."),
                Recipient = step["recipient"] is { } r ? Address(r, field + ".recipient") : null,
                Count = (int)(OptionalNumber(step, "count", field + ".", 1, 10_000) ?? 1),
                TimeoutSeconds = OptionalNumber(step, "timeoutSeconds", field + ".", 0.1, 60) ?? 5,
                Poison = (int)(OptionalNumber(step, "poison", field + ".", 0, 1000) ?? 0),
                ChunkSize = (int)(OptionalNumber(step, "chunkSize", field + ".", 1, Api.SubmissionParser.MaxBatchSize) ?? Operations.ReplayOptions.DefaultChunkSize),
            };
        }

        private InvariantDefinition Invariant(JsonNode? node, string field, LoadDefinition load)
        {
            var item = Object(node, field);
            Known(item, field + ".", "kind", "minPercent", "p99Ms", "link", "withinSeconds", "withinMs", "outcome", "streams", "count");
            var kind = RequiredString(item, "kind", field + ".");
            if (!InvariantKinds.All.Contains(kind))
            {
                throw Fail(field + ".kind", $"unknown invariant '{kind}' (expected {string.Join(", ", InvariantKinds.All)})");
            }

            var streams = Array(item, "streams", field + ".").Select((s, i) => String(s, $"{field}.streams[{i}]")).ToImmutableArray();
            var unknown = streams.FirstOrDefault(s => !load.Streams.Any(l => string.Equals(l.Name, s, StringComparison.OrdinalIgnoreCase)));
            if (unknown is not null)
            {
                throw Fail(field + ".streams", $"no stream named '{unknown}' in load.streams");
            }

            var definition = new InvariantDefinition
            {
                Kind = kind,
                MinPercent = OptionalNumber(item, "minPercent", field + ".", 0, 1000),
                P99Ms = OptionalNumber(item, "p99Ms", field + ".", 0, 3_600_000),
                Link = OptionalString(item, "link", field + "."),
                WithinSeconds = OptionalNumber(item, "withinSeconds", field + ".", 0, 3600),
                WithinMs = OptionalNumber(item, "withinMs", field + ".", 0, 3_600_000),
                Outcome = OptionalString(item, "outcome", field + "."),
                Count = OptionalNumber(item, "count", field + ".", 0, 1_000_000) is { } count ? (int)count : null,
                Streams = streams,
            };
            var missing = kind switch
            {
                InvariantKinds.Isolation when definition.MinPercent is null => "minPercent",
                InvariantKinds.HealthyLatency when definition.P99Ms is null => "p99Ms",
                InvariantKinds.FailureDetected when definition.Link is null => "link",
                InvariantKinds.FailureDetected when definition.WithinSeconds is null => "withinSeconds",
                InvariantKinds.NoStarvation or InvariantKinds.FlushBounded when definition.WithinMs is null => "withinMs",
                InvariantKinds.ReplayQuarantined when definition.Count is null => "count",
                InvariantKinds.PoisonQuarantined when definition.Streams.IsEmpty => "streams",
                _ => null,
            };
            return missing is null ? definition : throw Fail($"{field}.{missing}", $"required for {kind}");
        }

        private string Address(JsonNode? node, string field)
        {
            var text = String(node, field);
            return MtaActors.Core.Addressing.Address.TryParse(text, out var address, out var error) ? address.Value : throw Fail(field, error);
        }

        private JsonObject Object(JsonNode? node, string field)
            => node as JsonObject ?? throw Fail(field.Length == 0 ? "(top level)" : field, "expected an object");

        private JsonNode Required(JsonObject parent, string name, string prefix)
            => parent[name] ?? throw Fail(prefix + name, "required");

        private IEnumerable<JsonNode?> Array(JsonObject parent, string name, string prefix)
            => parent[name] switch
            {
                null => [],
                JsonArray array => array,
                _ => throw Fail(prefix + name, "expected an array"),
            };

        private string RequiredString(JsonObject parent, string name, string prefix)
            => OptionalString(parent, name, prefix) ?? throw Fail(prefix + name, "required");

        private string? OptionalString(JsonObject parent, string name, string prefix)
            => parent[name] is null ? null : String(parent[name], prefix + name);

        private string String(JsonNode? node, string field)
            => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : throw Fail(field, "expected a non-empty string");

        private double? OptionalNumber(JsonObject parent, string name, string prefix, double min, double max)
        {
            if (parent[name] is not { } node)
            {
                return null;
            }

            if (node is JsonValue value && value.TryGetValue<double>(out var number) && number >= min && number <= max)
            {
                return number;
            }

            throw Fail(prefix + name, string.Create(CultureInfo.InvariantCulture, $"expected a number from {min} to {max} (got {node.ToJsonString()})"));
        }

        private void Known(JsonObject node, string prefix, params string[] names)
        {
            var unknown = node.Select(p => p.Key).FirstOrDefault(k => !names.Contains(k, StringComparer.Ordinal));
            if (unknown is not null)
            {
                throw Fail(prefix + unknown, $"unknown field (expected one of {string.Join(", ", names)})");
            }
        }

        private ScenarioException Fail(string field, string problem) => new($"{file}: {field}: {problem}");
    }
}
