using System.Text.Json;
using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Host.Operations;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// <c>mta export</c> on a stopped daemon's real journal, and the archive replayed into another daemon (the full remote
/// replay of Q271905): every pending recipient arrives once, nothing already delivered comes back.
/// </summary>
public sealed class ExportCommandSpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-export");

    public void Dispose() => _data.Dispose();

    private string Old => Path.Combine(_data.Path, "old");

    /// <summary>A daemon stopped with 4 messages on imc (gateway down) and 2 for New York (link hung), one of which also had a local recipient, delivered.</summary>
    private async Task StopWithBacklogAsync()
    {
        await using var engine = await EngineOnJournal.StartAsync(Old, TestTopologies.Small(retry: EngineOnJournal.Patient));
        engine.Mta.Faults.Set("imc", new DownFault());
        engine.Mta.Faults.Set("x400-nyc", new HangFault());
        await engine.Mta.SubmitAsync(
        [
            .. Enumerable.Range(1, 4).Select(i => TestMessages.Create(new MessageDraft { Id = $"imc-{i}", From = "alice@lon.test", To = [$"u{i}@internet.test"] })),
            TestMessages.Create(new MessageDraft { Id = "nyc-1", From = "alice@lon.test", To = ["erin@nyc.test", "bob@lon.test"] }),
            TestMessages.Create(new MessageDraft { Id = "nyc-2", From = "alice@lon.test", To = ["frank@nyc.test"], Priority = Priority.Urgent }),
        ], CancellationToken.None);
        await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc") == 4 && engine.Delivered("local-store") == 1);
    }

    [Fact]
    public async Task Export_of_everything_then_replay_into_another_daemon_delivers_each_pending_recipient_once()
    {
        await StopWithBacklogAsync();
        var archive = Path.Combine(_data.Path, "all.jsonl");

        var export = await CliRun.InvokeAsync("export", "--all", "--out", archive, "--data", Old);

        Assert.Equal(0, export.ExitCode);
        Assert.StartsWith($"Exported 6 messages (6 recipients) from every queue to {archive}", export.Out.Trim(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive)); // it holds message bodies
        }

        var content = await BacklogArchive.ReadAsync(archive, force: false, CancellationToken.None);
        Assert.Equal(6, content.Header.Count);
        var nyc1 = content.Messages.Single(m => m.Id == "nyc-1");
        Assert.Equal("erin@nyc.test", Assert.Single(nyc1.To));
        Assert.Equal("work-queue", Assert.Single(nyc1.Queues).Queue);
        var imc1 = content.Messages.Single(m => m.Id == "imc-1");
        var placement = Assert.Single(imc1.Queues);
        Assert.Equal(("imc", "queued", "u1@internet.test"), (placement.Queue, placement.State, Assert.Single(placement.Recipients)));
        Assert.Equal("urgent", content.Messages.Single(m => m.Id == "nyc-2").Priority);

        await using var other = await EngineOnJournal.StartAsync(Path.Combine(_data.Path, "new"), TestTopologies.Small());
        await using var api = await ApiServer.StartAsync(other.Mta);
        var replay = await CliRun.InvokeAsync("replay", archive, "--http", api.Address.ToString(), "--chunk-size", "2", "--rate", "1000/s");

        Assert.Equal(0, replay.ExitCode);
        Assert.Equal("Replayed 6 of 6 messages in 3 requests (0 rejected chunks split)", replay.Out.Trim());
        await EngineOnJournal.EventuallyAsync(() => other.Delivered("Internet") == 4 && other.Delivered("NewYork") == 2);
        Assert.Equal(0, other.Delivered("local-store"));
    }

    [Fact]
    public async Task Export_of_one_queue_takes_only_its_messages()
    {
        await StopWithBacklogAsync();
        var archive = Path.Combine(_data.Path, "imc.jsonl");

        var export = await CliRun.InvokeAsync("export", "--queue", "imc", "--out", archive, "--data", Old, "--json");

        Assert.Equal(0, export.ExitCode);
        using var summary = JsonDocument.Parse(export.Out);
        Assert.Equal(4, summary.RootElement.GetProperty("messages").GetInt32());
        var content = await BacklogArchive.ReadAsync(archive, force: false, CancellationToken.None);
        Assert.All(content.Messages, m => Assert.Equal("imc", Assert.Single(m.Queues).Queue));
    }

    [Theory]
    [InlineData(new[] { "export", "--out", "x.jsonl" }, "mta: export: give either --queue Q or --all")]
    [InlineData(new[] { "export", "--all", "--queue", "imc", "--out", "x.jsonl" }, "mta: export: give either --queue Q or --all")]
    [InlineData(new[] { "export", "--all" }, "mta: option '--out' is required")]
    public async Task Bad_arguments_exit_2_with_one_line(string[] args, string expected)
    {
        var run = await CliRun.InvokeAsync([.. args, "--data", _data.Path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }
}
