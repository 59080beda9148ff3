using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// <c>mta purge</c> (mtacheck /rd /rp /rl) on the real engine and a real SQLite journal: system messages of the named
/// classes leave the secured gateway queue and the work queue, journaled (they stay gone after a restart), tracked,
/// never delivered; everything else is untouched and delivered; <c>mta check</c> stays clean. Live (through the
/// gateway, as the API calls it) and offline (the CLI on a stopped daemon's data, tracked in its tracking log).
/// </summary>
public sealed class PurgeCommandSpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-purge");

    public void Dispose() => _data.Dispose();

    private static string TopologyFile => RepositoryPaths.Config("topology.json");

    private static Topology SampleTopology() => TopologyLoader.Load(TopologyFile);

    private static Message Draft(string id, MessageClass messageClass, string to, bool deferred = false)
        => TestMessages.Create(new MessageDraft
        {
            Id = id,
            From = "jsmith@london.contoso.com",
            To = [to],
            Class = messageClass,
            DeferredUntil = deferred ? DateTimeOffset.UtcNow.AddHours(1) : null,
        });

    /// <summary>
    /// The Internet gateway (secured) down, holding dr-1, pf-1 and ipm-1; lm-1 (deferred an hour) and ipm-2 (deferred)
    /// waiting in the work queue.
    /// </summary>
    private static async Task<EngineOnJournal> StartWithSystemMailAsync(string data)
    {
        var engine = await EngineOnJournal.StartAsync(data, SampleTopology());
        engine.Mta.Faults.Set("imc-internet", new DownFault());
        await engine.Mta.SubmitAsync(
        [
            Draft("dr-1", MessageClass.DirectoryReplication, "dirsync@example.com"),
            Draft("pf-1", MessageClass.PublicFolderReplication, "pf@example.com"),
            Draft("ipm-1", MessageClass.Ipm, "someone@example.com"),
            Draft("lm-1", MessageClass.LinkMonitor, "mjones@london.contoso.com", deferred: true),
            Draft("ipm-2", MessageClass.Ipm, "apatel@london.contoso.com", deferred: true),
        ], CancellationToken.None);
        await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc-internet") == 3);
        return engine;
    }

    [Fact]
    public async Task Live_purge_removes_the_named_classes_for_good_and_tracks_them_and_dry_run_removes_nothing()
    {
        await using (var engine = await StartWithSystemMailAsync(_data.Path))
        {
            var dry = await engine.Mta.PurgeAsync(new HashSet<MessageClass> { MessageClass.DirectoryReplication, MessageClass.LinkMonitor }, dryRun: true, CancellationToken.None);
            Assert.True(dry.DryRun);
            Assert.Equal(2, dry.Total);
            Assert.Equal(3, await engine.LengthAsync("imc-internet"));

            var report = await engine.Mta.PurgeAsync(new HashSet<MessageClass> { MessageClass.DirectoryReplication, MessageClass.LinkMonitor }, dryRun: false, CancellationToken.None);

            Assert.Equal(2, report.Total);
            Assert.Equal(["dr-1"], report.Queues.Single(q => q.Queue == "imc-internet").Messages.Select(m => m.Id).ToArray());
            Assert.Equal(["lm-1"], report.Queues.Single(q => q.Queue == "work-queue").Messages.Select(m => m.Id).ToArray());
            Assert.Equal(2, await engine.LengthAsync("imc-internet"));
        }

        // Journaled: the gateway queue's journal holds only the two that were not purged, and after a restart they go.
        // (Read from the journal: a restarted engine is ready only once imc-internet has recovered, and by the time
        // it is asked its link may already have delivered them.)
        var check = await CliRun.InvokeAsync("check", "--data", _data.Path, "--config", TopologyFile, "--json");
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        using (var json = System.Text.Json.JsonDocument.Parse(check.Out))
        {
            Assert.Equal(2, json.RootElement.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "imc-internet").GetProperty("messages").GetInt32());
        }

        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, SampleTopology()))
        {
            await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc-internet") == 0);
            var again = await engine.Mta.PurgeAsync(new HashSet<MessageClass> { MessageClass.DirectoryReplication, MessageClass.LinkMonitor }, dryRun: true, CancellationToken.None);
            Assert.Equal(0, again.Total);
        }
    }

    [Fact]
    public async Task Offline_purge_on_a_stopped_daemons_data_removes_and_delivers_nothing_else()
    {
        await (await StartWithSystemMailAsync(_data.Path)).DisposeAsync();

        var run = await CliRun.InvokeAsync("purge", "--public-folder-replication", "--directory-replication", "--data", _data.Path, "--config", TopologyFile);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("imc-internet: removed 2 (", run.Out);
        Assert.Contains("Purged 2 messages of directory-replication, public-folder-replication", run.Out);
        var track = await CliRun.InvokeAsync("track", "dr-1", "--data", _data.Path);
        Assert.Contains("purged", track.Out);
        var check = await CliRun.InvokeAsync("check", "--data", _data.Path, "--config", TopologyFile);
        Assert.True(check.ExitCode == 0, check.Out + check.Error);

        var json = await CliRun.InvokeAsync("purge", "--public-folder-replication", "--directory-replication", "--dry-run", "--json", "--data", _data.Path, "--config", TopologyFile);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("\"total\":0", json.Out);
    }

    [Theory]
    [InlineData(new[] { "purge" }, "mta: purge: name at least one class: ")]
    [InlineData(new[] { "purge", "--link-monitor", "--http", "http://127.0.0.1:1", "--data", "x" }, "mta: purge: give either --http URL")]
    [InlineData(new[] { "purge", "--link-monitor", "--config", "x.json" }, "mta: --config: only with --data")]
    [InlineData(new[] { "purge", "--link-monitor", "--data", "/nonexistent-mta-data" }, "mta: /nonexistent-mta-data/mta.db: no journal here")]
    public async Task Bad_arguments_exit_2_with_one_line(string[] args, string reason)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(reason, Assert.Single(run.ErrorLines));
    }
}
