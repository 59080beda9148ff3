using System.Text.Json;
using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Host.Tests.Operations;
using MtaActors.Host.Tracking;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Tracking;

/// <summary>The message tracking log written by the real engine, read back with <c>mta track</c>.</summary>
public sealed class TrackCommandSpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-track");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Track_shows_acceptance_routing_failed_attempts_delivery_and_non_delivery_with_its_report()
    {
        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient)))
        {
            TrackingLogStarter.Start(engine.System, _data.Path);
            engine.Mta.Faults.Set("imc", new DownFault());
            await engine.Mta.SubmitAsync(
            [
                TestMessages.Create(new MessageDraft { Id = "t-1", From = "alice@lon.test", To = ["bob@lon.test", "nobody@lon.test"] }),
                TestMessages.Create(new MessageDraft { Id = "t-2", From = "alice@lon.test", To = ["x@internet.test"] }),
            ], CancellationToken.None);
            // Two local deliveries: bob's copy of t-1, and the report about nobody@ to alice (the originator is local too).
            await EngineOnJournal.EventuallyAsync(() => engine.Delivered("local-store") == 2);
            Assert.Equal(1, engine.Mta.GetStatistics().NonDelivered);
            await Task.Delay(500); // a few failed attempts on imc
            engine.Mta.Faults.Clear("imc");
            await EngineOnJournal.EventuallyAsync(() => engine.Delivered("Internet") == 1);

            // The site counts the delivery before the link hears of it (and tracks it): wait for the link too.
            await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc") == 0);
        }

        var delivered = await CliRun.InvokeAsync("track", "t-1", "--data", _data.Path, "--json");

        Assert.Equal(0, delivered.ExitCode);
        using (var json = JsonDocument.Parse(delivered.Out))
        {
            var events = json.RootElement.EnumerateArray().Select(e => (Event: e.GetProperty("event").GetString(), Queue: e.GetProperty("queue").GetString(), Id: e.GetProperty("messageId").GetString())).ToList();
            Assert.Equal(("accepted", "work-queue", "t-1"), events[0]);
            Assert.Contains(("routed", "local-store", "t-1"), events);
            Assert.Contains(("delivered", "local-store", "t-1"), events);
            Assert.Contains(("non-delivered", "work-queue", "t-1"), events);
            Assert.Contains(events, e => e.Event == "accepted" && e.Id != "t-1"); // the report, made by the MTA about t-1
        }

        var secured = await CliRun.InvokeAsync("track", "t-2", "--data", _data.Path);
        Assert.Equal(0, secured.ExitCode);
        var lines = secured.OutLines;
        Assert.Contains(lines, l => l.Contains("queued", StringComparison.Ordinal) && l.Contains("imc", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("attempt-failed", StringComparison.Ordinal) && l.Contains("attempt 1:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("delivered", StringComparison.Ordinal) && !l.Contains("attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Track_shows_a_session_crash_quarantine_and_the_operator_s_actions()
    {
        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient)))
        {
            TrackingLogStarter.Start(engine.System, _data.Path);
            engine.Mta.Faults.Set("imc", new CrashFault("POISON"));
            await engine.Mta.SubmitAsync([TestMessages.Create(new MessageDraft { Id = "p-1", From = "alice@lon.test", To = ["x@internet.test"], Subject = "POISON" })], CancellationToken.None);
            await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("poison") == 1);
            engine.Mta.Faults.Set("imc", new DownFault());
            await engine.Mta.OperateOnMessageAsync("p-1", Engine.Queues.MessageAction.Release, report: false, CancellationToken.None);
            await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc") == 1);
            await engine.Mta.OperateOnMessageAsync("p-1", Engine.Queues.MessageAction.Hold, report: false, CancellationToken.None);
            await engine.Mta.OperateOnMessageAsync("p-1", Engine.Queues.MessageAction.Remove, report: false, CancellationToken.None);
            await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc") == 0);
        }

        var run = await CliRun.InvokeAsync("track", "p-1", "--data", _data.Path, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var events = json.RootElement.EnumerateArray().Select(e => (Event: e.GetProperty("event").GetString(), Queue: e.GetProperty("queue").GetString(), Detail: e.GetProperty("detail").GetString() ?? "")).ToList();
        Assert.Contains(events, e => e.Event == "attempt-failed" && e.Detail.Contains("session crashed", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Event == "quarantined" && e.Queue == "poison" && e.Detail.StartsWith("from imc:", StringComparison.Ordinal));
        Assert.Contains(("released", "poison", "handed back to the router"), events);
        Assert.Contains(("held", "imc", "held by an operator"), events);
        Assert.Contains(("removed", "imc", "removed without a report"), events);
        Assert.DoesNotContain(events, e => e.Event is "delivered" or "non-delivered");
    }

    [Fact]
    public async Task Unknown_id_exits_1_and_missing_log_exits_2()
    {
        Directory.CreateDirectory(Path.Combine(_data.Path, TrackingLog.FolderName));
        var unknown = await CliRun.InvokeAsync("track", "nope", "--data", _data.Path);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("mta: no tracking entries for message nope", unknown.Error.Trim());

        var missing = await CliRun.InvokeAsync("track", "nope", "--data", Path.Combine(_data.Path, "elsewhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.ErrorLines);
    }
}
