using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using MtaActors.Core.Addressing;
using MtaActors.Core.Topology;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.WorkQueue;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Api;

/// <summary>
/// Issue 10's accounting property, against one real daemon on the sample topology: a random run of submissions and
/// batches (fresh, repeated exactly, or repeated under the same id with one field changed) mixed with link faults is
/// answered by the id rule (202 for new content, 202 duplicate for the same content, 409 for other content under a known
/// id, never anything else), and once the faults are cleared and the daemon has drained, every acknowledged (message,
/// recipient) pair, lists expanded as the router expands them, was delivered (a <c>D</c> line in a delivery log) or
/// reported (a <c>non-delivered</c> tracking entry) exactly once, and nothing else was delivered. A failure prints
/// CsCheck's seed: replay it with <c>CsCheck_Seed=SEED dotnet test --filter ExactlyOncePropertySpec</c>.
/// </summary>
public sealed class ExactlyOncePropertySpec : IAsyncLifetime
{
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(90);

    private static readonly Topology SampleTopology = TopologyLoader.Load(RepositoryPaths.Config("topology.json"));

    private static readonly string[] Senders = ["jsmith@london.contoso.com", "mjones@london.contoso.com", "apatel@london.contoso.com"];

    // Local mailboxes, both lists (nested, overlapping), every remote site, an X.400 address and an unknown local one (a report).
    private static readonly string[] Recipients =
    [
        "jsmith@london.contoso.com", "ewilson@london.contoso.com", "tbrown@london.contoso.com",
        "london-sales@london.contoso.com", "all-london@london.contoso.com",
        "pdupont@paris.contoso.com", "mdubois@paris.contoso.com", "c=FR;a= ;p=Contoso;o=Paris;s=Dupont",
        "erin@newyork.contoso.com", "someone@internet.test", "clerk@msmail.contoso.com", "desk@fax.contoso.com",
        "nobody@london.contoso.com",
    ];

    private static readonly string[] Subjects = ["", "order", "invoice"];

    private static readonly string[] Bodies = ["", "text", "a longer body\nwith two lines"];

    private static readonly string[] Priorities = ["urgent", "normal", "non-urgent"];

    private static readonly string[] Links = ["x400-paris", "site-paris", "x400-newyork", "ras-newyork", "imc-internet", "msmail-pc", "edk-fax"];

    private static readonly string[] Faults =
    [
        """{"kind": "latency", "latencyMs": 20, "jitterMs": 10}""",
        """{"kind": "error-rate", "rate": 0.4}""",
        """{"kind": "corrupt", "rate": 0.4}""",
        """{"kind": "reset", "rate": 0.4}""",
        """{"kind": "flap", "upMs": 40, "downMs": 40}""",
        """{"kind": "down"}""",
    ];

    private static int runs;

    // What the runs exercised, across every run: a corpus that never met an answer would not test it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> seen = new(StringComparer.Ordinal);

    private readonly TempDirectory data = new();
    private DaemonProcess daemon = null!;

    public async Task InitializeAsync() => daemon = await DaemonProcess.StartAsync(data.Path, ["--journal", "memory"]);

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task Every_acknowledged_message_and_recipient_is_delivered_or_reported_exactly_once_after_a_random_run_with_faults()
    {
        await AnyRun.SampleAsync(RunAndAccountAsync, iter: 3, threads: 1, print: run => string.Join(Environment.NewLine, run));

        using var health = await daemon.Http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.All(["accepted", "duplicate", "conflict", "delivered", "reported"], answer => Assert.True(seen.GetValueOrDefault(answer) > 0, $"no run met '{answer}'"));
    }

    private void Saw(string what, int count = 1) => seen.AddOrUpdate(what, count, (_, total) => total + count);

    /// <summary>A message as the spec submits it. Its content is everything but the id (recipients as a set).</summary>
    public sealed record Draft(int Id, string From, ImmutableArray<string> To, string Subject, string Body, string Priority)
    {
        public bool SameContent(Draft other)
            => From == other.From && Subject == other.Subject && Body == other.Body && Priority == other.Priority
                && Canonical(To).SetEquals(Canonical(other.To));

        public object Json(string prefix) => new { id = $"{prefix}-{Id}", from = From, to = To, subject = Subject, body = Body, priority = Priority };

        public override string ToString() => $"#{Id} {From} -> [{string.Join(", ", To)}] {Priority} '{Subject}' '{Body.ReplaceLineEndings("\\n")}'";
    }

    /// <summary>One step of a run.</summary>
    public abstract record Step;

    /// <summary>Submits one message, or several as one batch.</summary>
    public sealed record Submit(ImmutableArray<Draft> Drafts, bool Batch) : Step
    {
        public override string ToString() => $"{(Batch ? "batch" : "submit")} {string.Join(" | ", Drafts)}";
    }

    public sealed record SetFault(string Link, string Fault) : Step
    {
        public override string ToString() => $"fault {Link} {Fault}";
    }

    public sealed record ClearFault(string Link) : Step
    {
        public override string ToString() => $"clear {Link}";
    }

    private static Gen<ImmutableArray<string>> AnyRecipients => Gen.OneOf(Recipients).Array[1, 3].Select(to => to.Distinct().ToImmutableArray());

    private static Gen<Draft> AnyDraft(Gen<int> ids) => Gen.Select(
        ids, Gen.OneOf(Senders), AnyRecipients, Gen.OneOf(Subjects), Gen.OneOf(Bodies), Gen.OneOf(Priorities),
        (id, from, to, subject, body, priority) => new Draft(id, from, to, subject, body, priority));

    // Few ids, so a run reuses them: mostly exact repeats (duplicates) after the mutation below, and other content (conflicts).
    private static Gen<Draft> SomeDraft => AnyDraft(Gen.Int[0, 24]);

    private static Gen<Step> AnyStep => Gen.Frequency(
        (6, SomeDraft.Select(d => (Step)new Submit([d], Batch: false))),
        (2, SomeDraft.Array[1, 5].Select(d => (Step)new Submit([.. d], Batch: true))),
        (1, Gen.Select(Gen.OneOf(Links), Gen.OneOf(Faults), (link, fault) => (Step)new SetFault(link, fault))),
        (1, Gen.OneOf(Links).Select(link => (Step)new ClearFault(link))));

    /// <summary>
    /// Steps, then every step's drafts sent again at random later points: exactly (a duplicate), or with one field
    /// changed (a conflict), so the id rule's three answers all occur in a run.
    /// </summary>
    private static Gen<Step[]> AnyRun => Gen.Select(AnyStep.Array[10, 40], Gen.Int.Array[40], (steps, picks) =>
    {
        var drafts = steps.OfType<Submit>().SelectMany(s => s.Drafts).ToList();
        var result = new List<Step>(steps);
        for (var i = 0; i < picks.Length && drafts.Count > 0; i += 2)
        {
            var draft = drafts[(int)((uint)picks[i] % (uint)drafts.Count)];
            var again = ((uint)picks[i + 1] % 4) switch
            {
                0 => draft with { Body = draft.Body + " (changed)" },
                1 => draft with { Priority = draft.Priority == "urgent" ? "normal" : "urgent" },
                _ => draft,
            };
            result.Insert((int)((uint)picks[i + 1] % (uint)(result.Count + 1)), new Submit([again], Batch: false));
        }

        return result.ToArray();
    });

    private async Task RunAndAccountAsync(Step[] run)
    {
        var prefix = $"run{Interlocked.Increment(ref runs)}";
        var acknowledged = new Dictionary<int, Draft>();
        foreach (var step in run)
        {
            switch (step)
            {
                case Submit { Batch: false } submit:
                    await SubmitAsync(prefix, submit.Drafts[0], acknowledged);
                    break;
                case Submit batch:
                    await SubmitBatchAsync(prefix, batch.Drafts, acknowledged);
                    break;
                case SetFault fault:
                    await SendFaultAsync(HttpMethod.Put, fault.Link, fault.Fault);
                    break;
                case ClearFault clear:
                    await SendFaultAsync(HttpMethod.Delete, clear.Link, null);
                    break;
            }
        }

        foreach (var link in Links)
        {
            await SendFaultAsync(HttpMethod.Delete, link, null);
        }

        await AccountAsync(prefix, acknowledged);
    }

    private async Task SubmitAsync(string prefix, Draft draft, Dictionary<int, Draft> acknowledged)
    {
        using var response = await daemon.Http.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), draft.Json(prefix));
        var body = await response.Content.ReadAsStringAsync();
        var known = acknowledged.GetValueOrDefault(draft.Id);
        if (known is not null && !known.SameContent(draft))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{draft} reuses the id of {known}: answered {(int)response.StatusCode} {body}");
            Saw("conflict");
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{draft} answered {(int)response.StatusCode} {body}");
        using var answer = JsonDocument.Parse(body);
        var duplicate = answer.RootElement.TryGetProperty("duplicate", out var flag) && flag.GetBoolean();
        Assert.True(duplicate == (known is not null), $"{draft} answered {body} although it was {(known is null ? "new" : "known")}");
        Saw(duplicate ? "duplicate" : "accepted");
        acknowledged.TryAdd(draft.Id, draft);
    }

    private async Task SubmitBatchAsync(string prefix, ImmutableArray<Draft> drafts, Dictionary<int, Draft> acknowledged)
    {
        using var response = await daemon.Http.PostAsJsonAsync(new Uri("/api/messages/batch", UriKind.Relative), drafts.Select(d => d.Json(prefix)).ToArray());
        var body = await response.Content.ReadAsStringAsync();
        var seen = new Dictionary<int, Draft>(acknowledged);
        var conflict = false;
        var expectedDuplicates = new List<int>();
        for (var i = 0; i < drafts.Length; i++)
        {
            if (seen.TryGetValue(drafts[i].Id, out var earlier))
            {
                conflict |= !earlier.SameContent(drafts[i]);
                expectedDuplicates.Add(i);
            }
            else
            {
                seen[drafts[i].Id] = drafts[i];
            }
        }

        var batch = string.Join(" | ", drafts);
        if (conflict)
        {
            // All or nothing: one conflict refuses the whole batch.
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"batch {batch} answered {(int)response.StatusCode} {body}");
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"batch {batch} answered {(int)response.StatusCode} {body}");
        using var answer = JsonDocument.Parse(body);
        var duplicates = answer.RootElement.TryGetProperty("duplicates", out var list) ? list.EnumerateArray().Select(e => e.GetInt32()).ToList() : [];
        Assert.True(expectedDuplicates.SequenceEqual(duplicates), $"batch {batch} answered {body}, expected duplicates [{string.Join(",", expectedDuplicates)}]");
        foreach (var (id, draft) in seen)
        {
            acknowledged.TryAdd(id, draft);
        }
    }

    private async Task SendFaultAsync(HttpMethod method, string link, string? fault)
    {
        using var request = new HttpRequestMessage(method, new Uri($"/api/links/{link}/faults", UriKind.Relative));
        if (fault is not null)
        {
            request.Content = new StringContent(fault, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await daemon.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} fault on {link} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Waits (bounded) until every acknowledged pair has an outcome and every queue is empty, then counts: each pair
    /// exactly once, delivered or reported, and no delivery of this run that nobody asked for.
    /// </summary>
    private async Task AccountAsync(string prefix, Dictionary<int, Draft> acknowledged)
    {
        var planner = new RoutingPlanner(SampleTopology);
        var expected = acknowledged.Values
            .SelectMany(d => planner.Expand([.. d.To.Select(Address.Parse)]).Select(r => ($"{prefix}-{d.Id}", r.Value)))
            .ToHashSet();
        var deadline = DateTime.UtcNow + DrainBound;
        Dictionary<(string, string), int> delivered, reported;
        while (true)
        {
            delivered = await DeliveredAsync(prefix);
            reported = await ReportedAsync(acknowledged.Keys.Select(id => $"{prefix}-{id}"));
            var settled = expected.All(pair => delivered.ContainsKey(pair) || reported.ContainsKey(pair)) && await QueuesEmptyAsync();
            if (settled || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        var wrong = expected
            .Select(pair => (pair, Times: delivered.GetValueOrDefault(pair) + reported.GetValueOrDefault(pair)))
            .Where(p => p.Times != 1)
            .Select(p => $"{p.pair.Item1} to {p.pair.Item2}: delivered {delivered.GetValueOrDefault(p.pair)}, reported {reported.GetValueOrDefault(p.pair)}")
            .ToList();
        // Reports go to the originators and are not in the expectation; they too reach each of them once.
        var unexpected = delivered
            .Where(d => !expected.Contains(d.Key) && (!d.Key.Item1.Contains(".ndr.", StringComparison.Ordinal) || d.Value != 1))
            .Select(d => $"{d.Key.Item1} to {d.Key.Item2}: delivered {d.Value} times, not acknowledged for it")
            .ToList();
        Assert.True(wrong.Count == 0 && unexpected.Count == 0, string.Join(Environment.NewLine, wrong.Concat(unexpected)));
        Saw("delivered", expected.Count(delivered.ContainsKey));
        Saw("reported", expected.Count(reported.ContainsKey));
    }

    /// <summary><c>D</c> lines of this run's ids in every delivery log, per (message id, recipient).</summary>
    private async Task<Dictionary<(string, string), int>> DeliveredAsync(string prefix)
    {
        var counts = new Dictionary<(string, string), int>();
        var folder = Path.Combine(data.Path, "sites");
        foreach (var log in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.log") : [])
        {
            await foreach (var entry in DeliverySink.ReadLogAsync(log))
            {
                if (entry.Kind == DeliveryLogKind.Delivered && entry.MessageId.StartsWith(prefix + "-", StringComparison.Ordinal))
                {
                    var key = (entry.MessageId, entry.Recipient);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>The recipients each message was reported for (<c>non-delivered</c> entries of its tracking history).</summary>
    private async Task<Dictionary<(string, string), int>> ReportedAsync(IEnumerable<string> ids)
    {
        var counts = new Dictionary<(string, string), int>();
        foreach (var id in ids)
        {
            using var response = await daemon.Http.GetAsync(new Uri($"/api/messages/{Uri.EscapeDataString(id)}/track", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue; // the tracking log is flushed every second
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var history = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            foreach (var entry in history.RootElement.EnumerateArray())
            {
                if (entry.GetProperty("event").GetString() == "non-delivered" && entry.GetProperty("messageId").GetString() == id)
                {
                    foreach (var recipient in entry.GetProperty("recipients").EnumerateArray())
                    {
                        var key = (id, recipient.GetString()!);
                        counts[key] = counts.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }

        return counts;
    }

    private async Task<bool> QueuesEmptyAsync()
    {
        var queues = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/queues", UriKind.Relative));
        return queues.EnumerateArray().All(q => q.GetProperty("length").GetInt64() == 0);
    }

    private static HashSet<string> Canonical(IEnumerable<string> addresses) => addresses.Select(a => Address.Parse(a).Value).ToHashSet(StringComparer.Ordinal);
}
