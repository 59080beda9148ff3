using Akka.Actor;
using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Hosting;
using MtaActors.Engine.Links;
using MtaActors.Engine.Queues;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// Journal damage below the file level, on a real SQLite journal left by the real engine (issue 10, class 9): content
/// altered inside an event (still valid JSON), a deleted snapshot, a message whose stored content fails its own
/// checksum. Each is named by <c>mta check</c> or survived without loss; none is silent.
/// </summary>
public sealed class JournalIntegritySpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-integrity");

    public void Dispose() => _data.Dispose();

    private Task<CliRun> CheckAsync(params string[] extra) => CliRun.InvokeAsync(["check", "--data", _data.Path, .. extra]);

    private static Message Mail(int i) => TestMessages.Create(new MessageDraft { Id = $"imc-{i}", From = "alice@lon.test", To = [$"u{i}@internet.test"], Body = $"body of message {i}" });

    /// <summary>
    /// Leaves <paramref name="count"/> messages on the secured queue imc (its gateway down), submitted one by one; with
    /// <paramref name="snapshots"/>, only once imc's journal holds that many snapshots (its failed attempts, journaled
    /// every retry, bring the next snapshot due) and no event the oldest of them covers.
    /// </summary>
    private async Task StopWithMailOnImcAsync(int count, int snapshotMinInterval = 1000, int snapshots = 0)
    {
        await using var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient), snapshotMinInterval);
        engine.Mta.Faults.Set("imc", new DownFault());
        for (var i = 1; i <= count; i++)
        {
            await engine.Mta.SubmitAsync([Mail(i)], CancellationToken.None);
        }

        await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc") == count);
        if (snapshots > 0)
        {
            // ... and once the events the older snapshot covers are deleted (that follows the newer one's save).
            await EngineOnJournal.EventuallyAsync(async () => await JournalPlanter.CountAsync(_data.Path, $"""
                SELECT (SELECT count(*) FROM snapshot WHERE persistence_id = 'secured-queue-imc') >= {snapshots}
                AND NOT EXISTS (SELECT 1 FROM journal WHERE persistence_id = 'secured-queue-imc' AND deleted = 0
                    AND sequence_number <= (SELECT min(sequence_number) FROM snapshot WHERE persistence_id = 'secured-queue-imc'))
                """) == 1);
        }

        await engine.LengthAsync("work-queue");
    }

    /// <summary>Starts the engine on the journal and expects it to stop itself (a queue's recovery failed), not to start.</summary>
    private async Task AssertEngineRefusesToStartAsync()
    {
        var system = ActorSystem.Create("mta", MtaEngine.Configuration(JournalKind.Sqlite, EngineOnJournal.ConnectionString(_data.Path)));
        var start = MtaEngine.StartAsync(
            system,
            new MtaEngineSettings { Topology = TestTopologies.Small(), DataDirectory = _data.Path, Journal = JournalKind.Sqlite },
            CancellationToken.None);
        try
        {
            await system.WhenTerminated.WaitAsync(EngineOnJournal.Patience);
            Assert.False(start.IsCompletedSuccessfully, "the engine said it was ready on a journal it could not verify");
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Theory]
    [InlineData("u2@internet.test", "u9@internet.test")] // the envelope's recipient: mail to the wrong address
    [InlineData("body of message 2", "body of message X")] // one byte of the body
    public async Task Content_altered_inside_an_event_is_a_checksum_finding_naming_the_message_and_recovery_refuses_it(string original, string altered)
    {
        await StopWithMailOnImcAsync(3);
        var changed = await JournalPlanter.ExecuteAsync(_data.Path, $"""
            UPDATE journal SET message = CAST(replace(CAST(message AS TEXT), '{original}', '{altered}') AS BLOB)
            WHERE persistence_id = 'secured-queue-imc' AND instr(CAST(message AS TEXT), '{original}') > 0
            """);
        Assert.Equal(1, changed);

        var run = await CheckAsync();

        Assert.Equal(1, run.ExitCode);
        var finding = Assert.Single(run.OutLines, l => l.StartsWith("PROBLEM checksum-mismatch secured-queue-imc:", StringComparison.Ordinal));
        Assert.Contains("checksum mismatch", finding, StringComparison.Ordinal);
        Assert.Contains("imc-2", finding, StringComparison.Ordinal);
        await AssertEngineRefusesToStartAsync();
    }

    [Fact]
    public async Task Recipient_altered_inside_a_snapshot_is_a_checksum_finding_and_recovery_refuses_it()
    {
        await StopWithMailOnImcAsync(30, snapshotMinInterval: 5, snapshots: 1);
        var changed = await JournalPlanter.ExecuteAsync(_data.Path, """
            UPDATE snapshot SET snapshot = CAST(replace(CAST(snapshot AS TEXT), 'u2@internet.test', 'u9@internet.test') AS BLOB)
            WHERE persistence_id = 'secured-queue-imc' AND instr(CAST(snapshot AS TEXT), 'u2@internet.test') > 0
            """);
        Assert.True(changed > 0);

        var run = await CheckAsync();

        Assert.True(run.ExitCode == 1, run.Out);
        var finding = run.OutLines.SingleOrDefault(l => l.StartsWith("PROBLEM checksum-mismatch secured-queue-imc: snapshot unreadable:", StringComparison.Ordinal));
        Assert.True(finding is not null, run.Out);
        Assert.Contains("imc-2", finding, StringComparison.Ordinal);
        await AssertEngineRefusesToStartAsync();
    }

    [Fact]
    public async Task Damaged_fallback_snapshot_is_found_although_the_latest_is_intact()
    {
        await StopWithMailOnImcAsync(30, snapshotMinInterval: 5, snapshots: 2);
        // Every recipient domain in the older snapshot altered (which messages it holds depends on how the writes were
        // batched); SQLite counts a matched row as changed even when the text stays the same, so check the text.
        await JournalPlanter.ExecuteAsync(_data.Path, """
            UPDATE snapshot SET snapshot = CAST(replace(CAST(snapshot AS TEXT), '@internet.test', '@internet.tesx') AS BLOB)
            WHERE persistence_id = 'secured-queue-imc'
            AND sequence_number = (SELECT min(sequence_number) FROM snapshot WHERE persistence_id = 'secured-queue-imc')
            """);
        Assert.Equal(1, await JournalPlanter.CountAsync(_data.Path, "SELECT count(*) FROM snapshot WHERE persistence_id = 'secured-queue-imc' AND CAST(snapshot AS TEXT) LIKE '%@internet.tesx%'"));

        var run = await CheckAsync();

        Assert.True(run.ExitCode == 1, run.Out);
        Assert.Contains(run.OutLines, l => l.StartsWith("PROBLEM checksum-mismatch secured-queue-imc: older snapshot", StringComparison.Ordinal) && l.Contains("imc-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_written_before_checksums_are_still_recovered_and_check_warns_they_are_unverified()
    {
        await StopWithMailOnImcAsync(3);
        // A format-1 journal: the same rows without their checksum line (the JSON after "#crc32c=xxxxxxxx\n").
        var stripped = await JournalPlanter.ExecuteAsync(_data.Path, "UPDATE journal SET message = substr(message, 18) WHERE persistence_id = 'secured-queue-imc'");
        Assert.True(stripped > 0);

        var run = await CheckAsync();

        Assert.True(run.ExitCode == 0, run.Out);
        Assert.Contains(run.OutLines, l => l.StartsWith("WARNING unverified secured-queue-imc: ", StringComparison.Ordinal));
        Assert.Contains(run.OutLines, l => l.StartsWith("Checking queue imc (id Q", StringComparison.Ordinal) && l.Contains("3 messages", StringComparison.Ordinal));
        await using var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient));
        await EngineOnJournal.EventuallyAsync(() => engine.Delivered("Internet") == 3);
    }

    [Fact]
    public async Task Deleted_snapshot_loses_nothing_recovery_falls_back_to_the_older_snapshot_and_its_events()
    {
        // Two snapshots: the newest, and the one before it with the events since, which retention keeps.
        await StopWithMailOnImcAsync(30, snapshotMinInterval: 5, snapshots: 2);
        Assert.True(await JournalPlanter.CountAsync(_data.Path, "SELECT count(*) FROM journal WHERE persistence_id = 'secured-queue-imc' AND sequence_number = 1 AND deleted = 0") == 0, "no event was deleted: nothing to fall back over");
        var deleted = await JournalPlanter.ExecuteAsync(_data.Path, """
            DELETE FROM snapshot WHERE persistence_id = 'secured-queue-imc'
            AND sequence_number = (SELECT max(sequence_number) FROM snapshot WHERE persistence_id = 'secured-queue-imc')
            """);
        Assert.Equal(1, deleted);

        var run = await CheckAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutLines, l => l.StartsWith("Checking queue imc (id Q", StringComparison.Ordinal) && l.Contains("30 messages", StringComparison.Ordinal));
        await using var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient));
        await EngineOnJournal.EventuallyAsync(() => engine.Delivered("Internet") == 30);
    }

    [Fact]
    public async Task Every_snapshot_deleted_is_a_history_gap_naming_the_queue_and_the_lost_messages()
    {
        await StopWithMailOnImcAsync(30, snapshotMinInterval: 5, snapshots: 2);
        Assert.True(await JournalPlanter.ExecuteAsync(_data.Path, "DELETE FROM snapshot WHERE persistence_id = 'secured-queue-imc'") > 0);

        var run = await CheckAsync();

        Assert.True(run.ExitCode == 1, run.Out);
        var gap = run.OutLines.SingleOrDefault(l => l.StartsWith("PROBLEM history-gap secured-queue-imc: sequence numbers 1-", StringComparison.Ordinal));
        Assert.True(gap is not null, run.Out);
        // The link kept failing on its mail, so the events after the gap still name messages the queue no longer holds.
        Assert.True(gap.Contains("messages lost with them: imc-", StringComparison.Ordinal), run.Out);
    }

    [Fact]
    public async Task Message_failing_its_own_checksum_goes_to_the_poison_queue_and_the_rest_of_the_queue_flows()
    {
        await StopWithMailOnImcAsync(3);
        var good = Mail(4);
        var damaged = good with { Body = "damaged in memory before it was journaled" };
        await JournalPlanter.AppendAsync(_data.Path, "secured-queue-imc", new EnvelopesEnqueued([new QueuedEnvelope(TestMessages.EnvelopeFor(damaged), DateTimeOffset.UtcNow)]));

        await using var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient));

        await EngineOnJournal.EventuallyAsync(() => engine.Delivered("Internet") == 3);
        await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("poison") == 1);
        var quarantined = Assert.Single((await engine.Mta.ListMessagesAsync("poison", new ListQueue(MessageFilter.Any, 0, 10), CancellationToken.None)).Messages);
        Assert.Equal("imc-4", quarantined.Id);
        Assert.Contains("fails its own checksum", quarantined.Detail, StringComparison.Ordinal);
        await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc") == 0);
    }
}
