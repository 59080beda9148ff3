using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Poison;
using MtaActors.Engine.Queues;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// The poison queue and held messages on a real SQLite journal: quarantined messages (from a secured and a non-secured
/// link) and a held message survive a restart, <c>mta check</c> finds the journal clean with the poison queue listed,
/// and after the restart release delivers exactly once and remove with a report answers the originator.
/// </summary>
public sealed class QuarantineRestartSpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-poison");

    public void Dispose() => _data.Dispose();

    private static async Task<QueueListing> ListAsync(EngineOnJournal engine, string queue)
        => await engine.Mta.ListMessagesAsync(queue, new ListQueue(MessageFilter.Any, 0, 100), CancellationToken.None);

    private static Message Message(string id, string to, string subject = "hello")
        => TestMessages.Create(new MessageDraft { Id = id, From = "alice@lon.test", To = [to], Subject = subject });

    [Fact]
    public async Task Quarantine_and_holds_survive_a_restart_and_are_undone_by_hand()
    {
        var topology = TestTopologies.Small(retry: EngineOnJournal.Patient);
        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, topology))
        {
            engine.Mta.Faults.Set("imc", new CrashFault("POISON"));
            engine.Mta.Faults.Set("x400-par", new CrashFault("POISON"));
            await engine.Mta.SubmitAsync([Message("p-imc", "x@internet.test", "POISON"), Message("ok-imc", "y@internet.test"), Message("p-par", "carol@par.test", "POISON")], CancellationToken.None);
            await EngineOnJournal.EventuallyAsync(async () => (await ListAsync(engine, PoisonQueue.Name)).Total == 2 && engine.Delivered("Internet") == 1);

            engine.Mta.Faults.Set("imc", new DownFault());
            await engine.Mta.SubmitAsync([Message("h-imc", "z@internet.test")], CancellationToken.None);
            await EngineOnJournal.EventuallyAsync(async () => (await ListAsync(engine, "imc")).Messages.Any(m => m.Id == "h-imc" && m.State != QueuedMessageStates.Sending));
            Assert.True((await engine.Mta.OperateOnMessageAsync("h-imc", MessageAction.Hold, report: false, CancellationToken.None)).Done);
            await engine.LengthAsync("work-queue"); // let the work queue's journaled hand-offs land before the stop
        }

        var check = await CliRun.InvokeAsync("check", "--data", _data.Path, "--verbose");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains(check.OutLines, l => l.StartsWith("Checking queue poison (id Q", StringComparison.Ordinal) && l.Contains("2 messages", StringComparison.Ordinal));
        Assert.Contains("Checking object p-par - OK, on queue poison (1 recipients)", check.OutLines);
        var archive = Path.Combine(_data.Path, "poison.jsonl");
        var export = await CliRun.InvokeAsync("export", "--queue", "poison", "--out", archive, "--data", _data.Path);
        Assert.Equal(0, export.ExitCode);
        Assert.StartsWith("Exported 2 messages", Assert.Single(export.OutLines), StringComparison.Ordinal);

        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, topology))
        {
            var poisoned = await ListAsync(engine, PoisonQueue.Name);
            Assert.Equal(["p-imc", "p-par"], poisoned.Messages.Select(m => m.Id).Order());
            Assert.All(poisoned.Messages, m => Assert.Contains("crashed the session", m.Detail, StringComparison.Ordinal));
            var held = Assert.Single((await ListAsync(engine, "imc")).Messages);
            Assert.Equal(("h-imc", QueuedMessageStates.Held), (held.Id, held.State));

            // No faults now: the held message still waits for its release (the sites' counts survive restarts: ok-imc is the 1).
            await Task.Delay(300);
            Assert.Equal(1, engine.Delivered("Internet"));
            Assert.True((await engine.Mta.OperateOnMessageAsync("h-imc", MessageAction.Release, report: false, CancellationToken.None)).Done);
            Assert.True((await engine.Mta.OperateOnMessageAsync("p-par", MessageAction.Release, report: false, CancellationToken.None)).Done);
            Assert.True((await engine.Mta.OperateOnMessageAsync("p-imc", MessageAction.Remove, report: true, CancellationToken.None)).Done);
            await EngineOnJournal.EventuallyAsync(() => engine.Delivered("Internet") == 2 && engine.Delivered("Paris") == 1 && engine.Delivered("local-store") == 1);
            await engine.LengthAsync("work-queue");
        }

        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, topology))
        {
            Assert.Empty((await ListAsync(engine, PoisonQueue.Name)).Messages);
            Assert.Empty((await ListAsync(engine, "imc")).Messages);
            await Task.Delay(300);
            Assert.Equal((1, 2), (engine.Delivered("Paris"), engine.Delivered("Internet"))); // nothing delivered again
            Assert.All(engine.Mta.GetSites(), site => Assert.Equal(site.Delivered, site.Distinct));
        }
    }
}
