using System.Text.Json;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Links;
using MtaActors.Engine.WorkQueue;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// <c>mta check</c> on a real SQLite journal left by the real engine, with each kind of damage planted in it
/// (Q282780): a message on a queue nobody knows, a duplicated object, a lost registry, an unreadable event.
/// </summary>
public sealed class CheckCommandSpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-check");

    public void Dispose() => _data.Dispose();

    /// <summary>The small test topology plus a second secured gateway (an MS Mail hub for *@hub.test).</summary>
    private static Topology Topology() => TestTopologies.Small(
        retry: EngineOnJournal.Patient,
        extra: [TestTopologies.Link("msmail-hub", LinkKind.MsMail, "Hub", EngineOnJournal.Patient, TestTopologies.Space(AddressType.Smtp, "*@hub.test", 1))]);

    /// <summary>
    /// Leaves a stopped daemon's journal with mail on it: three messages on the secured queue imc (its gateway down),
    /// one on msmail-hub, and two in the work queue for New York (its link hung, nothing else serves it).
    /// </summary>
    private async Task StopWithBacklogAsync()
    {
        await using var engine = await EngineOnJournal.StartAsync(_data.Path, Topology());
        engine.Mta.Faults.Set("imc", new DownFault());
        engine.Mta.Faults.Set("msmail-hub", new DownFault());
        engine.Mta.Faults.Set("x400-nyc", new HangFault());
        await engine.Mta.SubmitAsync(
        [
            .. Enumerable.Range(1, 3).Select(i => TestMessages.Create(new MessageDraft { Id = $"imc-{i}", From = "alice@lon.test", To = [$"u{i}@internet.test"] })),
            TestMessages.Create(new MessageDraft { Id = "hub-1", From = "alice@lon.test", To = ["dave@hub.test"] }),
            .. Enumerable.Range(1, 2).Select(i => TestMessages.Create(new MessageDraft { Id = $"nyc-{i}", From = "alice@lon.test", To = [$"erin{i}@nyc.test"] })),
        ], CancellationToken.None);
        await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc") == 3 && await engine.LengthAsync("msmail-hub") == 1);

        // A secured queue acknowledges its mail to the work queue as it journals it, and the work queue journals the
        // hand-off with Persist, which holds back the commands after it: once the work queue has answered one more
        // question, the hand-off is on disk too. Without this the stop could fall between the two writes, and the
        // journal (consistent either way) would still show the work queue holding the secured mail.
        await engine.LengthAsync("work-queue");
    }

    private Task<CliRun> CheckAsync(params string[] extra) => CliRun.InvokeAsync(["check", "--data", _data.Path, .. extra]);

    [Fact]
    public async Task Journal_left_by_a_clean_stop_checks_clean_with_every_queue_and_object_listed()
    {
        await StopWithBacklogAsync();

        var run = await CheckAsync("--verbose");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains(run.OutLines, l => l.StartsWith("Checking queue imc (id Q", StringComparison.Ordinal) && l.Contains("3 messages", StringComparison.Ordinal) && l.EndsWith("OK", StringComparison.Ordinal));
        // Two journals are correct here: the stop came after the work queue journaled the secured hand-offs (it holds
        // nyc-1 and nyc-2), or between a secured queue's write and the work queue's (it still holds the handed-off mail
        // too, as assigned and not yet acknowledged; a restart completes it). Both must check clean.
        Assert.Contains(run.OutLines, l => l.StartsWith("Checking queue work-queue (id Q000000", StringComparison.Ordinal)
            && (l.Contains(" 2 messages; 0 recipients", StringComparison.Ordinal) || !l.Contains("; 0 recipients", StringComparison.Ordinal))
            && l.EndsWith("OK", StringComparison.Ordinal));
        Assert.Contains(run.OutLines, l => l.StartsWith("Checking object imc-2 - OK, on queue imc", StringComparison.Ordinal));
        Assert.Contains("Checking object nyc-1 - OK, on queue work-queue (1 recipients)", run.OutLines);
        Assert.Equal("Database clean, no errors detected.", run.OutLines[^1]);
    }

    [Fact]
    public async Task Message_assigned_to_a_queue_nobody_knows_is_found_and_repair_registers_the_queue()
    {
        await StopWithBacklogAsync();
        await JournalPlanter.AppendAsync(_data.Path, WorkQueueSettings.PersistenceId,
            new RecipientsAssigned("ghost", [new MessageRecipients("nyc-1", [Address.Parse("erin1@nyc.test")])]));

        var run = await CheckAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PROBLEM message-on-missing-queue nyc-1: recipient erin1@nyc.test is assigned to queue ghost, which the registry does not know", run.OutLines);
        Assert.Equal("1 problems found (1 can be repaired with --repair).", run.OutLines[^1]);

        var repaired = await CheckAsync("--repair");
        Assert.Equal(0, repaired.ExitCode);
        Assert.Contains(repaired.OutLines, l => l.StartsWith("REPAIRED registered queue ghost as Q", StringComparison.Ordinal));

        var after = await CheckAsync("--json");
        Assert.Equal(0, after.ExitCode);
        using var json = JsonDocument.Parse(after.Out);
        Assert.Equal("clean", json.RootElement.GetProperty("verdict").GetString());
        Assert.Contains(json.RootElement.GetProperty("queues").EnumerateArray(), q => q.GetProperty("name").GetString() == "ghost" && q.GetProperty("secured").GetBoolean());
    }

    [Fact]
    public async Task Object_duplicated_on_a_second_secured_queue_is_found_and_not_repaired()
    {
        await StopWithBacklogAsync();
        var copy = new QueuedEnvelope(TestMessages.EnvelopeFor(TestMessages.Create(new MessageDraft { Id = "imc-2", From = "alice@lon.test", To = ["u2@internet.test"] })), DateTimeOffset.UtcNow);
        await JournalPlanter.AppendAsync(_data.Path, "secured-queue-msmail-hub", new EnvelopesEnqueued([copy]));

        var run = await CheckAsync("--repair", "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var duplicate = Assert.Single(findings, f => f.GetProperty("code").GetString() == "duplicate-object");
        Assert.Equal("imc-2", duplicate.GetProperty("subject").GetString());
        Assert.Equal("recipient u2@internet.test is on 2 queues: imc, msmail-hub", duplicate.GetProperty("detail").GetString());
        // While the work queue's own record of the hand-off to imc is still in its journal (the stop can come before or
        // after the work queue writes the hand-off), the copy on msmail-hub is also reported as misplaced: the same
        // damage seen from the work queue's side. Nothing else may be found, and none of it is repairable.
        Assert.All(findings, f => Assert.Equal("imc-2", f.GetProperty("subject").GetString()));
        Assert.All(findings, f => Assert.Contains(f.GetProperty("code").GetString(), new[] { "duplicate-object", "misplaced-object" }));
        Assert.All(findings, f => Assert.False(f.GetProperty("repairable").GetBoolean()));
        Assert.Empty(json.RootElement.GetProperty("repairs").EnumerateArray());
    }

    [Fact]
    public async Task Lost_registry_is_found_and_repair_brings_the_secured_mail_back_without_loss()
    {
        await StopWithBacklogAsync();
        var deleted = await JournalPlanter.ExecuteAsync(_data.Path, "DELETE FROM journal WHERE persistence_id = 'super-queue'")
            + await JournalPlanter.ExecuteAsync(_data.Path, "DELETE FROM snapshot WHERE persistence_id = 'super-queue'");
        Assert.True(deleted > 0);

        // With the registry gone, a daemon whose topology no longer has msmail-hub would never open its journal.
        var run = await CheckAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PROBLEM registry-lost super-queue: the super queue registry is empty while queues hold mail", run.OutLines);
        Assert.Contains("PROBLEM unregistered-queue imc: secured queue journal secured-queue-imc holds 3 messages but the registry has no entry for it", run.OutLines);
        Assert.Contains(run.OutLines, l => l.StartsWith("PROBLEM unregistered-queue msmail-hub:", StringComparison.Ordinal));

        var repaired = await CheckAsync("--repair");
        Assert.Equal(0, repaired.ExitCode);
        Assert.Contains(repaired.OutLines, l => l.StartsWith("REPAIRED registered queue imc as Q", StringComparison.Ordinal));
        Assert.Contains(repaired.OutLines, l => l.StartsWith("REPAIRED registered queue msmail-hub as Q", StringComparison.Ordinal));
        Assert.Equal(0, (await CheckAsync()).ExitCode);

        // The proof: a daemon without msmail-hub in its topology holds that mail suspended, and delivers imc's.
        await using var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient));
        await EngineOnJournal.EventuallyAsync(() => engine.Delivered("Internet") == 3);
        Assert.Equal(1, await engine.LengthAsync("msmail-hub"));
    }

    [Fact]
    public async Task Unreadable_event_is_named_with_its_queue()
    {
        await StopWithBacklogAsync();
        await JournalPlanter.ExecuteAsync(_data.Path, "UPDATE journal SET message = x'7b2262' WHERE persistence_id = 'secured-queue-imc'");

        var run = await CheckAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.OutLines, l => l.StartsWith("PROBLEM unreadable secured-queue-imc: event after sequence number 0 unreadable:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--journal", "memory")]
    [InlineData("--journal", "postgres")]
    [InlineData("--journal", "oracle")]
    public async Task Bad_journal_options_exit_2_with_one_line(string option, string value)
    {
        var run = await CheckAsync(option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("mta: --", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_without_a_journal_exits_2_and_creates_nothing()
    {
        var run = await CheckAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"mta: {Path.Combine(_data.Path, "mta.db")}: no journal here (is --data right?)", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(_data.Path, "mta.db")));
    }
}
