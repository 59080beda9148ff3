using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MtaActors.Host.Api;
using MtaActors.Host.Client;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// Runs one scenario: starts the daemon (or targets one), drives the open-loop load, plays the timeline, watches
/// queues, /health and the delivery logs throughout, waits for the backlog to drain, then hands the history to the
/// invariants. Every wait is bounded: HTTP calls by short timeouts, the drain by the scenario's drainSeconds.
/// </summary>
public sealed class ScenarioRunner
{
    /// <summary>Environment variable the daemon reads to switch de-duplication off (test only).</summary>
    public const string DisableDedupVariable = Daemon.MtaDaemon.DisableDedupVariable;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private static readonly string[] LogInvariants = [InvariantKinds.NoLoss, InvariantKinds.NoDuplicates, InvariantKinds.Isolation, InvariantKinds.HealthyLatency];

    private readonly ScenarioDefinition _scenario;
    private readonly ScenarioRunOptions _options;
    private readonly TextWriter _progress;
    private readonly ScenarioHistory _history = new();
    private readonly Stopwatch _clock = new();
    private DaemonChild? _daemon;
    private Uri _baseAddress = null!;
    private MtaAdminClient _client = null!;
    private double _killedAt = -1; // when a kill happened, so the restart after it records the whole downtime
    private string? _archive; // the backlog archive the last export wrote, for the replays after it
    private int _plantedPoison;
    private double _pausedAt; // when the daemon was paused, so its resume records the whole pause as downtime

    // The run's one seed: the load's mix and every random fault decision of the daemon's switchboard come from it, so a
    // run given the same seed (the file's "seed", or --seed) replays the same draws.
    private readonly int _seed;

    public ScenarioRunner(ScenarioDefinition scenario, ScenarioRunOptions options, TextWriter progress)
    {
        _scenario = scenario;
        _options = options;
        _progress = progress;
        _seed = options.Seed ?? scenario.Seed ?? Random.Shared.Next();
        _history.Seed = _seed;
    }

    /// <summary>Refuses, before anything starts, what cannot be done against a daemon this runner does not own.</summary>
    public static string? Refusal(ScenarioDefinition scenario, ScenarioRunOptions options)
    {
        if (options.Http is null)
        {
            return null;
        }

        if (scenario.Timeline.FirstOrDefault(a => TimelineActions.NeedProcess.Contains(a.Action)) is { } action)
        {
            return $"{scenario.Name}: the timeline action '{action.Action}' needs a daemon this command starts itself; drop --http to run it";
        }

        if (options.DataDirectory is null && scenario.Invariants.FirstOrDefault(i => LogInvariants.Contains(i.Kind)) is { } invariant)
        {
            return $"{scenario.Name}: the invariant '{invariant.Kind}' reads the daemon's delivery logs: pass --data DIR with --http";
        }

        return options.DisableDeduplication ? "--test-disable-dedup needs a daemon this command starts itself" : null;
    }

    private double Now => _clock.Elapsed.TotalSeconds;

    private double Scaled(double seconds) => seconds * _options.TimeScale;

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"mta-scenario-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            string sites;
            if (_options.Http is { } target)
            {
                _baseAddress = target;
                sites = Path.Combine(_options.DataDirectory ?? work, "sites");
                await SeedFaultsAsync(cancellationToken);
            }
            else
            {
                var environment = new Dictionary<string, string>();
                if (_options.DisableDeduplication)
                {
                    environment[DisableDedupVariable] = "1";
                }

                _daemon = new DaemonChild(work, WriteTopology(work, "topology.json", removedLink: null), _scenario.Journal, environment);
                _progress.WriteLine($"starting the daemon on {_daemon.BaseAddress} (data in {_daemon.DataDirectory}); seed {_seed}");
                _baseAddress = _daemon.BaseAddress;
                await StartDaemonAsync(cancellationToken);
                sites = Path.Combine(_daemon.DataDirectory, "sites");
            }

            // A daemon this runner starts listens on loopback with no token; one it is pointed at may need MTA_ADMIN_TOKEN.
            var token = _options.Http is null ? null : Environment.GetEnvironmentVariable(Daemon.DaemonSettings.AdminTokenVariable);
            _client = new MtaAdminClient(new DaemonEndpoint(_baseAddress, token), CallTimeout);
            var tail = new DeliveryLogTail(sites, _history, () => Now);
            tail.Poll(); // what was there before this run is history of another run: read it, then forget it
            while (_history.Deliveries.TryDequeue(out _))
            {
            }

            using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _clock.Start();
            var watchers = Task.WhenAll(
                EveryAsync(TimeSpan.FromMilliseconds(100), _ => { tail.Poll(); return Task.CompletedTask; }, watch.Token),
                EveryAsync(TimeSpan.FromMilliseconds(250), PollQueuesAsync, watch.Token),
                EveryAsync(TimeSpan.FromMilliseconds(250), PollHealthAsync, watch.Token));
            var flushes = new List<Task>();
            var load = DriveLoadAsync(cancellationToken);
            await PlayTimelineAsync(flushes, cancellationToken);
            await load;
            _history.LoadEnded = Now;
            _progress.WriteLine($"load done at {Now:0.0} s; draining (up to {_scenario.DrainSeconds:0} s)");
            await Task.WhenAll(flushes);
            await DrainAsync(tail, cancellationToken);
            _history.DrainEnded = Now;
            await ReadPoisonQueueAsync(cancellationToken);
            await watch.CancelAsync();
            await watchers;
            tail.Poll();

            var results = _scenario.Invariants.Select(i => InvariantChecks.Check(i, _scenario, _history, _options.TimeScale)).ToImmutableArray();
            return new ScenarioResult(_scenario, _history, results, _options.TimeScale, _daemon?.LogPath);
        }
        finally
        {
            if (_daemon is not null)
            {
                await _daemon.DisposeAsync();
            }

            _client?.Dispose();
            if (!_options.KeepWorkFolder)
            {
                TryDelete(work);
            }
        }
    }

    /// <summary>Copies the topology into the work folder, with the scenario's retry policy and without a removed link.</summary>
    private string WriteTopology(string work, string fileName, string? removedLink)
    {
        var topology = JsonNode.Parse(File.ReadAllText(_scenario.TopologyPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        if (_scenario.Retry is { } retry)
        {
            (topology["defaults"] ??= new JsonObject())["retry"] = retry.DeepClone();
            foreach (var link in topology["links"]?.AsArray() ?? [])
            {
                link?.AsObject().Remove("retry");
            }
        }

        if (removedLink is not null && topology["links"] is JsonArray links)
        {
            foreach (var link in links.Where(l => string.Equals((string?)l?["name"], removedLink, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                links.Remove(link);
            }
        }

        var path = Path.Combine(work, fileName);
        File.WriteAllText(path, topology.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private async Task DriveLoadAsync(CancellationToken cancellationToken)
    {
        var load = _scenario.Load;
        var duration = Scaled(load.DurationSeconds);
        var random = new Random(_seed);
        var totalWeight = load.Streams.Sum(s => s.Weight);
        var next = load.Streams.ToDictionary(s => s.Name, _ => 0);
        var prioritySum = load.Priority.Urgent + load.Priority.Normal + load.Priority.NonUrgent;
        long sent = 0;
        var run = Guid.NewGuid().ToString("N")[..8];
        while (Now < duration)
        {
            var due = (long)(Math.Min(Now, duration) * load.Rate) - sent;
            if (due <= 0)
            {
                await Task.Delay(20, cancellationToken);
                continue;
            }

            var batch = new List<Submission>();
            var body = new List<SubmissionContract>();
            for (var i = 0; i < Math.Min(due, 1000); i++)
            {
                var pick = random.NextDouble() * totalWeight;
                var stream = load.Streams.First(s => (pick -= s.Weight) < 0 || s == load.Streams[^1]);
                var recipient = stream.Recipients[next[stream.Name]++ % stream.Recipients.Length];
                var p = random.NextDouble() * prioritySum;
                var priority = p < load.Priority.Urgent ? "urgent" : p < load.Priority.Urgent + load.Priority.Normal ? "normal" : "non-urgent";
                var id = $"{_scenario.Name}-{run}-{sent + i:D7}";
                batch.Add(new Submission(id, stream.Name, recipient, Now, SubmissionResult.Indeterminate));
                body.Add(new SubmissionContract
                {
                    Id = id,
                    From = load.From,
                    To = [recipient],
                    Priority = priority,
                    SizeBytes = load.SizeBytes,
                    Subject = $"{_scenario.Name} {stream.Name}",
                });
            }

            sent += batch.Count;
            var result = await SubmitAsync(body, cancellationToken);
            foreach (var submission in batch)
            {
                _history.Submissions.Enqueue(submission with { Result = result });
            }
        }
    }

    private async Task<SubmissionResult> SubmitAsync(IReadOnlyList<SubmissionContract> batch, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SubmitBatchAsync(batch, cancellationToken);
            return SubmissionResult.Accepted;
        }
        catch (AdminApiException)
        {
            return SubmissionResult.Rejected; // answered with a refusal: nothing of the batch was taken
        }
        catch (DaemonUnreachableException e) when (e.NothingSent)
        {
            return SubmissionResult.Rejected; // nothing was sent: certainly not accepted
        }
        catch (DaemonUnreachableException)
        {
            return SubmissionResult.Indeterminate; // sent, but no answer: it may be in
        }
    }

    private async Task PlayTimelineAsync(List<Task> flushes, CancellationToken cancellationToken)
    {
        foreach (var action in _scenario.Timeline)
        {
            var at = Scaled(action.At);
            if (at > Now)
            {
                await Task.Delay(TimeSpan.FromSeconds(at - Now), cancellationToken);
            }

            var started = Now;
            string result;
            try
            {
                result = await PerformAsync(action, flushes, cancellationToken);
            }
            catch (Exception e) when (e is DaemonUnreachableException or OperationCanceledException or InvalidOperationException or TimeoutException or SqliteException or IOException && !cancellationToken.IsCancellationRequested)
            {
                result = $"FAILED: {e.Message.ReplaceLineEndings(" ")}";
            }

            _history.Actions.Enqueue(new ActionRecord(started, action.Describe(), (Now - started) * 1000, result));
            _progress.WriteLine($"{started,7:0.0}s  {action.Describe()}: {result}");
        }
    }

    private async Task<string> PerformAsync(TimelineAction action, List<Task> flushes, CancellationToken cancellationToken)
    {
        switch (action.Action)
        {
            case TimelineActions.FaultSet:
                return await CallAsync(ct => _client.SetFaultAsync(action.Link!, action.Fault!, ct), cancellationToken);
            case TimelineActions.FaultClear:
                return await CallAsync(ct => _client.ClearFaultsAsync(action.Link!, action.Kind, ct), cancellationToken);
            case TimelineActions.Suspend:
                return await CallAsync(ct => _client.SuspendLinkAsync(action.Link!, ct), cancellationToken);
            case TimelineActions.Pause:
                _pausedAt = Now;
                return $"paused (SIGSTOP; process state {await _daemon!.PauseAsync()})";
            case TimelineActions.Resume when action.Link is null:
                return await ContinueAsync(cancellationToken);
            case TimelineActions.Resume:
                return await CallAsync(ct => _client.ResumeLinkAsync(action.Link!, ct), cancellationToken);
            case TimelineActions.DisableMta:
                return await CallAsync(ct => _client.DisableAsync($"scenario {_scenario.Name}", ct), cancellationToken);
            case TimelineActions.EnableMta:
                return await CallAsync(ct => _client.EnableAsync(ct), cancellationToken);
            case TimelineActions.Flush:
                flushes.AddRange(Enumerable.Range(0, action.Count).Select(_ => FlushAsync(action, cancellationToken)));
                return $"{action.Count} requests sent";
            case TimelineActions.Kill:
                await KillAsync();
                return "killed (SIGKILL)";
            case TimelineActions.Restart:
                return await RestartAsync(cancellationToken);
            case TimelineActions.KillRestart:
                await KillAsync();
                return "killed (SIGKILL); " + await RestartAsync(cancellationToken);
            case TimelineActions.RemoveLink:
                {
                    var down = Now;
                    await _daemon!.StopAsync();
                    _daemon.TopologyPath = WriteTopology(Path.GetDirectoryName(_daemon.TopologyPath)!, $"topology-without-{action.Link}.json", action.Link);
                    await StartDaemonAsync(cancellationToken);
                    _history.Downtime.Enqueue((down, Now));
                    return $"stopped, {action.Link} removed from the topology, restarted in {Now - down:0.0} s";
                }

            case TimelineActions.DeleteSuperQueue:
                {
                    var down = Now;
                    await _daemon!.KillAsync();
                    var deleted = DeleteSuperQueueJournal(Path.Combine(_daemon.DataDirectory, "mta.db"));
                    await StartDaemonAsync(cancellationToken);
                    _history.Downtime.Enqueue((down, Now));
                    return $"killed (SIGKILL), deleted {deleted} rows of the super queue's journal, restarted in {Now - down:0.0} s";
                }

            case TimelineActions.Export:
                return await ExportAsync(action, cancellationToken);
            case TimelineActions.Replay:
                return await ReplayAsync(action, cancellationToken);
            default:
                throw new InvalidOperationException($"unknown action {action.Action}");
        }
    }

    /// <summary>SIGCONT to the paused daemon; the pause and the time it takes to answer /health again are downtime on purpose.</summary>
    private async Task<string> ContinueAsync(CancellationToken cancellationToken)
    {
        var state = await _daemon!.ContinueAsync();
        var resumed = Now;
        await _daemon.WaitHealthyAsync(cancellationToken);
        _history.Downtime.Enqueue((_pausedAt, Now));
        return $"resumed (SIGCONT; process state {state}) after {resumed - _pausedAt:0.0} s paused; healthy {Now - resumed:0.0} s later";
    }

    private async Task KillAsync()
    {
        _killedAt = Now;
        await _daemon!.KillAsync();
    }

    private async Task<string> RestartAsync(CancellationToken cancellationToken)
    {
        var from = _killedAt >= 0 ? _killedAt : Now;
        if (_daemon!.IsRunning)
        {
            await _daemon.StopAsync();
        }

        await StartDaemonAsync(cancellationToken);
        _history.Downtime.Enqueue((from, Now));
        _killedAt = -1;
        return $"restarted, healthy after {Now - from:0.0} s";
    }

    /// <summary>
    /// Q271905: the backlog leaves the server. Stops the daemon cleanly, runs <c>mta export --all</c> on its journal,
    /// plants the poison messages asked for (recipients no daemon accepts) in the archive, moves the journal aside and
    /// starts the daemon again on an empty one: a new server in front of the same remote sites and local store logs.
    /// </summary>
    private async Task<string> ExportAsync(TimelineAction action, CancellationToken cancellationToken)
    {
        var down = Now;
        await _daemon!.StopAsync();
        var work = Path.GetDirectoryName(_daemon.DataDirectory)!;
        _archive = Path.Combine(work, $"backlog-{_history.Actions.Count:D2}.mta");
        var export = await MtaCommandChild.RunAsync(["export", "--data", _daemon.DataDirectory, "--all", "--out", _archive, "--json"], TimeSpan.FromSeconds(120), cancellationToken);
        if (export.ExitCode != 0)
        {
            await StartDaemonAsync(cancellationToken);
            _history.Downtime.Enqueue((down, Now));
            return $"FAILED: mta export exit {export.ExitCode}: {export.Error.Trim()}";
        }

        using var report = JsonDocument.Parse(export.Out);
        var exported = report.RootElement.GetProperty("messages").GetInt32();
        if (action.Poison > 0)
        {
            await PlantPoisonAsync(_archive, action.Poison, cancellationToken);
            _plantedPoison += action.Poison;
        }

        var database = Path.Combine(_daemon.DataDirectory, "mta.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(database + suffix))
            {
                File.Move(database + suffix, database + ".exported" + suffix, overwrite: true);
            }
        }

        await StartDaemonAsync(cancellationToken);
        _history.Downtime.Enqueue((down, Now));
        return $"stopped; mta export wrote {exported} messages to {Path.GetFileName(_archive)}"
            + (action.Poison > 0 ? $" (+{action.Poison} poison planted)" : "")
            + $"; new server on an empty journal healthy after {Now - down:0.0} s";
    }

    /// <summary>Adds <paramref name="count"/> messages no daemon accepts (a malformed originator or id), re-sealing the archive (new checksum).</summary>
    private static async Task PlantPoisonAsync(string archive, int count, CancellationToken cancellationToken)
    {
        var content = await Operations.BacklogArchive.ReadAsync(archive, force: false, cancellationToken);
        var messages = content.Messages.ToList();
        var newest = messages.Count > 0 ? messages.Max(m => m.SubmittedAt) : DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            messages.Add(new Operations.ArchivedMessage
            {
                Id = i % 2 == 0 ? $"poison-{Guid.NewGuid():N}" : $"poison with spaces {Guid.NewGuid():N}",
                From = i % 2 == 0 ? "not an address" : "postmaster@london.contoso.com",
                To = ["mjones@london.contoso.com"],
                Subject = "poison",
                SubmittedAt = newest - TimeSpan.FromMilliseconds(i * 7), // spread among the newest, so bisection has to find them
            });
        }

        await Operations.BacklogArchive.WriteAsync(archive, messages, DateTimeOffset.UtcNow, "scenario (poison planted)", cancellationToken);
    }

    /// <summary>Runs <c>mta replay</c> of the last export's archive into the running daemon and records its report.</summary>
    private async Task<string> ReplayAsync(TimelineAction action, CancellationToken cancellationToken)
    {
        var started = Now;
        var quarantine = _archive + ".quarantine";
        var replay = await MtaCommandChild.RunAsync(
            ["replay", _archive!, "--http", _baseAddress.ToString(), "--chunk-size", action.ChunkSize.ToString(CultureInfo.InvariantCulture), "--quarantine", quarantine, "--json"],
            TimeSpan.FromSeconds(300),
            cancellationToken);
        if (replay.ExitCode is not (0 or 1) || string.IsNullOrWhiteSpace(replay.Out))
        {
            return $"FAILED: mta replay exit {replay.ExitCode}: {replay.Error.Trim()}";
        }

        using var report = JsonDocument.Parse(replay.Out);
        var root = report.RootElement;
        var record = new ReplayRecord(
            started,
            replay.ExitCode,
            root.GetProperty("total").GetInt32(),
            root.GetProperty("accepted").GetInt32(),
            root.GetProperty("quarantined").GetInt32(),
            root.GetProperty("notTried").GetInt32(),
            root.GetProperty("splits").GetInt32(),
            _plantedPoison);
        _plantedPoison = 0;
        _history.Replays.Enqueue(record);
        return $"mta replay exit {record.ExitCode}: {record.Accepted} of {record.Total} accepted in chunks of {action.ChunkSize}, {record.Splits} rejected chunks split, {record.Quarantined} quarantined, {record.NotTried} not tried";
    }

    /// <summary>Q282780: the registry is lost. Deletes the super queue's events and snapshots from every journal table.</summary>
    private static int DeleteSuperQueueJournal(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'persistence_id'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var deleted = 0;
        foreach (var table in tables)
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WHERE persistence_id = $id";
            delete.Parameters.AddWithValue("$id", Engine.SuperQueue.SuperQueue.Id);
            deleted += delete.ExecuteNonQuery();
        }

        return deleted;
    }

    private async Task FlushAsync(TimelineAction action, CancellationToken cancellationToken)
    {
        var started = Now;
        var watch = Stopwatch.StartNew();
        try
        {
            // The client waits past the daemon's bound (by its call timeout), so that a daemon that overran it is seen overrunning.
            var report = (await _client.FlushAsync(action.Link!, action.Recipient, TimeSpan.FromSeconds(action.TimeoutSeconds), cancellationToken)).Value;
            _history.Flushes.Enqueue(new FlushAnswer(started, action.Link!, watch.Elapsed.TotalMilliseconds, report.Outcome, report.Requested, report.Delivered));
        }
        catch (AdminApiException e)
        {
            _history.Flushes.Enqueue(new FlushAnswer(started, action.Link!, watch.Elapsed.TotalMilliseconds, $"error {(int)e.Status}", 0, 0));
        }
        catch (DaemonUnreachableException)
        {
            _history.Flushes.Enqueue(new FlushAnswer(started, action.Link!, watch.Elapsed.TotalMilliseconds, "no answer", 0, 0));
        }
    }

    /// <summary>Starts the child daemon (first start or again) and gives its switchboard the run's seed.</summary>
    private async Task StartDaemonAsync(CancellationToken cancellationToken)
    {
        await _daemon!.StartAsync(cancellationToken);
        await SeedFaultsAsync(cancellationToken);
    }

    /// <summary>Gives the daemon's fault switchboard the run's seed; a daemon that refuses fails the run (it could not replay).</summary>
    private async Task SeedFaultsAsync(CancellationToken cancellationToken)
    {
        var answer = await CallAsync(ct => _client.SetFaultSeedAsync(_seed, ct), cancellationToken);
        if (answer != "ok")
        {
            throw new InvalidOperationException($"could not give the daemon the fault seed {_seed}: {answer}");
        }
    }

    /// <summary>One timeline action through the admin client: "ok", or the status and the daemon's reason.</summary>
    private static async Task<string> CallAsync<T>(Func<CancellationToken, Task<AdminReply<T>>> call, CancellationToken cancellationToken)
    {
        try
        {
            await call(cancellationToken);
            return "ok";
        }
        catch (AdminApiException e)
        {
            return $"FAILED: {(int)e.Status} {e.Reason}";
        }
    }

    private async Task PollQueuesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var at = Now;
            foreach (var queue in (await _client.QueuesAsync(cancellationToken)).Value)
            {
                _history.QueueSamples.Enqueue(new QueueSample(at, queue.Name, queue.State, queue.Length));
            }

            foreach (var (link, total) in DeliveredPerLink(await _client.MetricsAsync(cancellationToken)))
            {
                _history.LinkDeliveries.Enqueue(new LinkDeliveries(at, link, total));
            }
        }
        catch (Exception e) when (e is DaemonUnreachableException or AdminApiException)
        {
            // The daemon is down or busy: the gap in the samples is the record of it.
        }
    }

    /// <summary>The <c>mta_messages_delivered_total{link="..."}</c> lines of a scrape (docs/metrics.md).</summary>
    private static IEnumerable<(string Link, double Total)> DeliveredPerLink(string metrics)
    {
        const string Prefix = "mta_messages_delivered_total{link=\"";
        foreach (var line in metrics.Split('\n'))
        {
            var close = line.IndexOf("\"} ", StringComparison.Ordinal);
            if (line.StartsWith(Prefix, StringComparison.Ordinal) && close > Prefix.Length
                && double.TryParse(line[(close + 3)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var total))
            {
                yield return (line[Prefix.Length..close], total);
            }
        }
    }

    private async Task PollHealthAsync(CancellationToken cancellationToken)
    {
        var at = Now;
        var watch = Stopwatch.StartNew();
        try
        {
            var health = (await _client.HealthAsync(cancellationToken)).Value;
            _history.HealthSamples.Enqueue(new HealthSample(at, watch.Elapsed.TotalMilliseconds, health.Status == "ok"));
        }
        catch (Exception e) when (e is DaemonUnreachableException or AdminApiException)
        {
            _history.HealthSamples.Enqueue(new HealthSample(at, watch.Elapsed.TotalMilliseconds, false));
        }
    }

    private async Task DrainAsync(DeliveryLogTail tail, CancellationToken cancellationToken)
    {
        var deadline = Now + _scenario.DrainSeconds;
        var accepted = _history.Submissions.Where(s => s.Result == SubmissionResult.Accepted);
        var expected = ExpectedDeliveries.Of(_scenario.Topology, accepted).Select(c => (c.Submission.Id, c.Recipient)).ToHashSet();
        var poisonLength = 0;
        while (Now < deadline)
        {
            tail.Poll();
            var seen = _history.Deliveries.Where(d => d.Delivered).Select(d => (d.MessageId, d.Recipient)).ToHashSet();
            var missing = expected.Count(e => !seen.Contains(e));
            if (missing == 0)
            {
                return;
            }

            // What waits on the poison queue will not arrive: once it accounts for every missing message, stop waiting.
            if (_history.QueueSamples.LastOrDefault(q => q.Name == "poison") is { } poison && poison.Length >= missing && poison.Length == poisonLength)
            {
                await ReadPoisonQueueAsync(cancellationToken);
                if (expected.Where(e => !seen.Contains(e)).All(e => _history.Quarantined.ContainsKey(e.Id)))
                {
                    return;
                }
            }

            poisonLength = _history.QueueSamples.LastOrDefault(q => q.Name == "poison")?.Length ?? 0;
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Records which messages wait on the poison queue (every page of <c>GET /api/queues/poison/messages</c>).</summary>
    private async Task ReadPoisonQueueAsync(CancellationToken cancellationToken)
    {
        try
        {
            var offset = 0;
            while (true)
            {
                var page = (await _client.QueueMessagesAsync("poison", new QueueListingQuery { Offset = offset, Limit = 1000 }, cancellationToken)).Value;
                foreach (var message in page.Messages)
                {
                    _history.Quarantined[message.Id] = message.Detail ?? "";
                }

                offset += page.Messages.Count;
                if (page.Messages.Count == 0 || offset >= page.Total)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is DaemonUnreachableException or AdminApiException)
        {
            // A daemon without a poison queue, or not answering: nothing is recorded as quarantined.
        }
    }

    private static async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> poll, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await poll(cancellationToken);
                await Task.Delay(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the run is over
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
