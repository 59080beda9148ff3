using System.Globalization;
using System.Text.Json;
using MtaActors.Core.Messages;
using MtaActors.Host.Tests.Operations;
using MtaActors.Host.Tracking;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Tracking;

/// <summary>
/// A kill -9 in the middle of a buffered write leaves the tracking log's last line torn. The next run must start on a
/// line of its own, and <c>mta track</c> must name the torn line rather than skip it in silence.
/// </summary>
public sealed class TornTrackingLineSpec : IDisposable
{
    private const string Complete = """{"Timestamp":"2026-12-01T10:00:00.0000000+00:00","Level":"Information","MessageTemplate":"{Event} {MessageId} {Queue} {Recipients} {Detail} {At}","Properties":{"Event":"accepted","MessageId":"old-1","Queue":"work-queue","Recipients":["bob@lon.test"],"Detail":"from alice@lon.test","At":"2026-12-01T10:00:00.0000000+00:00"}}""";
    private const string Torn = """{"Timestamp":"2026-12-01T10:00:01.0000000+00:00","Level":"Information","MessageTemplate":"{Event} {MessageId} {Queue} {Recipients} {Detail} {At}","Properties":{"Event":"rou""";

    private readonly TempDirectory _data = new("mta-torn");

    public void Dispose() => _data.Dispose();

    /// <summary>Today's file, the one the sink appends to (Serilog names it by the local date).</summary>
    private string LogFile => Path.Combine(_data.Path, TrackingLog.FolderName, $"tracking-{DateTime.Now.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.jsonl");

    private async Task WriteTornLogAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        await File.WriteAllTextAsync(LogFile, Complete + "\n" + Torn);
    }

    [Fact]
    public async Task The_next_run_starts_on_a_fresh_line_and_track_names_the_torn_one()
    {
        await WriteTornLogAsync();
        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small()))
        {
            TrackingLogStarter.Start(engine.System, _data.Path);
            await engine.Mta.SubmitAsync([TestMessages.Create(new MessageDraft { Id = "t-1", From = "alice@lon.test", To = ["bob@lon.test"] })], CancellationToken.None);
            await EngineOnJournal.EventuallyAsync(() => engine.Delivered("local-store") == 1);
        }

        var run = await CliRun.InvokeAsync("track", "t-1", "--data", _data.Path, "--json");

        Assert.Equal(0, run.ExitCode);
        using (var json = JsonDocument.Parse(run.Out))
        {
            var events = json.RootElement.EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
            Assert.Equal("accepted", events[0]); // the first record of the run: glued onto the torn line, it was lost
            Assert.Contains("delivered", events);
        }

        Assert.Equal([$"mta: warning: {Path.GetFileName(LogFile)}: 1 unreadable line skipped (line 2)"], run.ErrorLines);
        var old = await CliRun.InvokeAsync("track", "old-1", "--data", _data.Path, "--json");
        Assert.Equal(0, old.ExitCode);
        Assert.Contains("\"old-1\"", old.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Track_names_a_torn_last_line_before_any_restart()
    {
        await WriteTornLogAsync();

        var run = await CliRun.InvokeAsync("track", "old-1", "--data", _data.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"mta: warning: {Path.GetFileName(LogFile)}: last line 2 unfinished (being written, or torn by a crash) skipped"], run.ErrorLines);
    }
}
