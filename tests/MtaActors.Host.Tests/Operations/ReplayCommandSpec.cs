using System.Text.Json;
using MtaActors.Host.Operations;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// <c>mta replay</c> into the real engine behind the real admin API (Q271905, made automatic): chunks a daemon rejects
/// are split until only the bad messages remain, which go to quarantine; ids are kept, so nothing is delivered twice.
/// </summary>
public sealed class ReplayCommandSpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-replay");

    public void Dispose() => _data.Dispose();

    private static ArchivedMessage Message(int i, string from = "alice@lon.test", string? id = null) => new()
    {
        Id = id ?? $"backlog-{i:D5}",
        From = from,
        To = ["bob@lon.test"],
        Subject = $"backlog {i}",
        SubmittedAt = DateTimeOffset.UtcNow.AddSeconds(-i),
    };

    [Fact]
    public async Task Backlog_of_10000_with_3_poison_messages_delivers_the_rest_exactly_once_and_quarantines_exactly_the_3()
    {
        var poison = new Dictionary<int, ArchivedMessage>
        {
            [1234] = Message(1234, from: "not an address"),
            [5000] = Message(5000, id: "poison with spaces"),
            [9876] = Message(9876, from: "c=US;a= ;p=Org;o=Site;s="),
        };
        var backlog = Enumerable.Range(0, 10_000).Select(i => poison.GetValueOrDefault(i) ?? Message(i)).ToList();
        var archive = Path.Combine(_data.Path, "backlog.jsonl");
        await BacklogArchive.WriteAsync(archive, backlog, DateTimeOffset.UtcNow, "test", CancellationToken.None);

        var data = Path.Combine(_data.Path, "daemon");
        await using var engine = await EngineOnJournal.StartAsync(data, TestTopologies.Small());
        await using var api = await ApiServer.StartAsync(engine.Mta);

        var run = await CliRun.InvokeAsync("replay", archive, "--http", api.Address.ToString(), "--chunk-size", "500", "--json");

        Assert.Equal(1, run.ExitCode);
        using (var summary = JsonDocument.Parse(run.Out))
        {
            Assert.Equal(10_000, summary.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(9_997, summary.RootElement.GetProperty("accepted").GetInt32());
            Assert.Equal(3, summary.RootElement.GetProperty("quarantined").GetInt32());
        }

        var quarantined = File.ReadAllLines(archive + ".quarantine")
            .Select(line => JsonSerializer.Deserialize<QuarantinedMessage>(line, BacklogArchive.Json)!)
            .ToList();
        Assert.Equal(poison.Values.Select(m => m.Id).Order(), quarantined.Select(q => q.Message.Id).Order());
        Assert.All(quarantined, q => Assert.StartsWith("[0].", q.Error, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive + ".quarantine")); // bodies: owner-only
        }

        await EngineOnJournal.EventuallyAsync(() => engine.Delivered("local-store") == 9_997);
        var local = engine.Mta.GetSites().Single(s => s.Name == "local-store");
        Assert.Equal(9_997, local.Distinct);

        // The same archive again (an operator who is not sure the first run finished): every id is known with the same
        // content, so the work queue answers each as a duplicate: owned, not accepted again, nothing handed on twice.
        var again = await CliRun.InvokeAsync("replay", archive, "--http", api.Address.ToString(), "--quarantine", Path.Combine(_data.Path, "second.quarantine"), "--json");
        Assert.Equal(1, again.ExitCode);
        using (var summary = JsonDocument.Parse(again.Out))
        {
            Assert.Equal(9_997, summary.RootElement.GetProperty("accepted").GetInt32());
        }

        Assert.Equal(9_997, engine.Mta.GetStatistics().Accepted);
        Assert.Equal(9_997, engine.Mta.GetStatistics().SubmissionsDeduplicated);
        local = engine.Mta.GetSites().Single(s => s.Name == "local-store");
        Assert.Equal(9_997, local.Received);
        Assert.Equal(9_997, local.Delivered);
        Assert.Equal(9_997, local.Distinct);
    }

    [Fact]
    public async Task Id_already_taken_by_other_content_is_quarantined_alone_and_its_chunk_mates_are_replayed()
    {
        var archive = Path.Combine(_data.Path, "backlog.jsonl");
        await BacklogArchive.WriteAsync(archive, [.. Enumerable.Range(0, 20).Select(i => Message(i))], DateTimeOffset.UtcNow, "test", CancellationToken.None);
        var data = Path.Combine(_data.Path, "daemon");
        await using var engine = await EngineOnJournal.StartAsync(data, TestTopologies.Small());
        await using var api = await ApiServer.StartAsync(engine.Mta);
        // The daemon already holds backlog-00007 as another message, and backlog-00003 as the very same one.
        var taken = TestMessages.Create(new Core.Messages.MessageDraft { Id = "backlog-00007", From = "alice@lon.test", To = ["bob@lon.test"], Subject = "something else" });
        var same = TestMessages.Create(new Core.Messages.MessageDraft { Id = "backlog-00003", From = "alice@lon.test", To = ["bob@lon.test"], Subject = "backlog 3" });
        await engine.Mta.SubmitAsync([taken, same], CancellationToken.None);

        var run = await CliRun.InvokeAsync("replay", archive, "--http", api.Address.ToString(), "--chunk-size", "10", "--json");

        Assert.Equal(1, run.ExitCode);
        using (var summary = JsonDocument.Parse(run.Out))
        {
            Assert.Equal(19, summary.RootElement.GetProperty("accepted").GetInt32());
            Assert.Equal(1, summary.RootElement.GetProperty("quarantined").GetInt32());
        }

        var quarantined = JsonSerializer.Deserialize<QuarantinedMessage>(Assert.Single(File.ReadAllLines(archive + ".quarantine")), BacklogArchive.Json)!;
        Assert.Equal("backlog-00007", quarantined.Message.Id);
        Assert.StartsWith("[0].id: 'backlog-00007' is already taken by a different message", quarantined.Error, StringComparison.Ordinal);
        Assert.Equal(1, engine.Mta.GetStatistics().SubmissionsDeduplicated);
        await EngineOnJournal.EventuallyAsync(() => engine.Delivered("local-store") == 20);
    }

    [Fact]
    public async Task Damaged_archive_is_refused_in_one_line_unless_forced()
    {
        var archive = Path.Combine(_data.Path, "backlog.jsonl");
        await BacklogArchive.WriteAsync(archive, [.. Enumerable.Range(0, 5).Select(i => Message(i))], DateTimeOffset.UtcNow, "test", CancellationToken.None);
        var lines = File.ReadAllLines(archive);
        lines[3] = lines[3].Replace("backlog 2", "backlog X", StringComparison.Ordinal);
        File.WriteAllLines(archive, lines);

        var refused = await CliRun.InvokeAsync("replay", archive, "--http", "http://127.0.0.1:1");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"mta: {archive}: archive damaged (checksum mismatch); --force replays what is readable", refused.Error.Trim());

        var data = Path.Combine(_data.Path, "daemon");
        await using var engine = await EngineOnJournal.StartAsync(data, TestTopologies.Small());
        await using var api = await ApiServer.StartAsync(engine.Mta);
        var forced = await CliRun.InvokeAsync("replay", archive, "--http", api.Address.ToString(), "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("Replayed 5 of 5 messages in 1 requests (0 rejected chunks split)", forced.Out.Trim());
        await EngineOnJournal.EventuallyAsync(() => engine.Delivered("local-store") == 5);
    }

    [Theory]
    [InlineData("--chunk-size", "0", "mta: --chunk-size: expected a whole number from 1 to 10000 (got '0')")]
    [InlineData("--rate", "fast", "mta: --rate: expected messages per second above 0, such as 200/s (got 'fast')")]
    public async Task Bad_arguments_exit_2_with_one_line(string option, string value, string expected)
    {
        var archive = Path.Combine(_data.Path, "backlog.jsonl");
        await BacklogArchive.WriteAsync(archive, [Message(1)], DateTimeOffset.UtcNow, "test", CancellationToken.None);

        var run = await CliRun.InvokeAsync("replay", archive, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Fact]
    public async Task Missing_archive_exits_2()
    {
        var run = await CliRun.InvokeAsync("replay", Path.Combine(_data.Path, "none.jsonl"));

        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("none.jsonl: archive not found", run.Error.Trim(), StringComparison.Ordinal);
    }
}
