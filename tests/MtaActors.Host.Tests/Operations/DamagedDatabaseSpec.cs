using System.Text.Json;
using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// A SQLite journal file damaged as a whole (rows duplicated past the unique index, the file truncated, overwritten
/// with random bytes, made read-only), run through the real executable: <c>mta check</c> names the damage as one
/// finding and <c>mta run</c> refuses with one line and exit 1, both long before the journal's own timeouts would
/// have fired, with nothing but the report on stdout. The time bound is a generous ceiling, not a figure.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DamagedDatabaseSpec : IDisposable
{
    /// <summary>Far below the minutes a journal timeout takes, far above a start on a loaded machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _data = new("mta-damaged");

    public void Dispose()
    {
        if (File.Exists(Journal))
        {
            File.SetUnixFileMode(Journal, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _data.Dispose();
    }

    private string Journal => Path.Combine(_data.Path, "mta.db");

    /// <summary>A stopped daemon's journal holding three messages on the secured queue imc (its gateway down).</summary>
    private async Task StopWithMailAsync()
    {
        await using var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient));
        engine.Mta.Faults.Set("imc", new DownFault());
        await engine.Mta.SubmitAsync(
            [.. Enumerable.Range(1, 3).Select(i => TestMessages.Create(new MessageDraft { Id = $"imc-{i}", From = "alice@lon.test", To = [$"u{i}@internet.test"] }))],
            CancellationToken.None);
        await EngineOnJournal.EventuallyAsync(async () => await engine.LengthAsync("imc") == 3);
    }

    public static TheoryData<string, string> Damages() => new()
    {
        { "duplicate-rows", "duplicate rows: " },
        { "truncated", "database disk image is malformed" },
        { "random-bytes", "file is not a database" },
    };

    private async Task DamageAsync(string damage)
    {
        switch (damage)
        {
            case "duplicate-rows":
                // What a copy made with the unique index out of the way leaves: every imc event twice.
                await JournalPlanter.ExecuteAsync(_data.Path, """
                    DROP INDEX journal_uq;
                    INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
                    SELECT created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid FROM journal
                    WHERE persistence_id = 'secured-queue-imc';
                    """);
                break;
            case "truncated":
                await using (var file = new FileStream(Journal, FileMode.Open, FileAccess.ReadWrite))
                {
                    file.SetLength(file.Length / 2);
                }

                break;
            case "random-bytes":
                var bytes = new byte[new FileInfo(Journal).Length];
                new Random(282780).NextBytes(bytes);
                await File.WriteAllBytesAsync(Journal, bytes);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Check_names_the_damage_in_one_finding_and_its_json_parses(string damage, string reason)
    {
        await StopWithMailAsync();
        await DamageAsync(damage);

        var text = await MtaRun.RunAsync(Bound, "check", "--data", _data.Path);
        Assert.False(text.TimedOut, $"mta check did not finish within {Bound.TotalSeconds} s");
        Assert.Equal(1, text.ExitCode);
        Assert.Equal(2, text.OutLines.Length);
        Assert.StartsWith($"PROBLEM journal-damaged {Journal}: is damaged: {reason}", text.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("1 problems found.", text.OutLines[1]);
        Assert.Equal("", text.Error);

        var json = await MtaRun.RunAsync(Bound, "check", "--data", _data.Path, "--json", "--verbose");
        Assert.Equal(1, json.ExitCode);
        using var report = JsonDocument.Parse(json.Out);
        Assert.Equal("problems", report.RootElement.GetProperty("verdict").GetString());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("journal-damaged", finding.GetProperty("code").GetString());
        Assert.Contains(reason, finding.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(report.RootElement.GetProperty("sqlite").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Run_refuses_with_one_line_and_exit_1(string damage, string reason)
    {
        await StopWithMailAsync();
        await DamageAsync(damage);

        var run = await MtaRun.RunAsync(Bound, "run", "--data", _data.Path, "--http", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.False(run.TimedOut, $"mta run was still running after {Bound.TotalSeconds} s:\n{run.Error}");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"mta: journal {Journal} is damaged: {reason}", line, StringComparison.Ordinal);
        Assert.EndsWith("; see mta check --verbose", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Export_refuses_with_one_line_and_exit_1(string damage, string reason)
    {
        await StopWithMailAsync();
        await DamageAsync(damage);

        var export = await MtaRun.RunAsync(Bound, "export", "--all", "--data", _data.Path, "--out", Path.Combine(_data.Path, "backlog.jsonl"));

        Assert.False(export.TimedOut, $"mta export did not finish within {Bound.TotalSeconds} s");
        Assert.Equal(1, export.ExitCode);
        Assert.Equal("", export.Out);
        Assert.StartsWith($"mta: journal {Journal} is damaged: {reason}", Assert.Single(export.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_only_journal_is_refused_by_run_and_still_checked_offline()
    {
        await StopWithMailAsync();
        File.SetUnixFileMode(Journal, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = await MtaRun.RunAsync(Bound, "run", "--data", _data.Path, "--http", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.False(run.TimedOut, $"mta run was still running after {Bound.TotalSeconds} s:\n{run.Error}");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal($"mta: journal {Journal} is read-only: the file has no write permission; see mta check --verbose", Assert.Single(run.ErrorLines));

        // Checking only reads: a read-only journal is checked as usual, and its mail is all there.
        var check = await MtaRun.RunAsync(Bound, "check", "--data", _data.Path, "--json");
        Assert.Equal(0, check.ExitCode);
        using var report = JsonDocument.Parse(check.Out);
        Assert.Equal("clean", report.RootElement.GetProperty("verdict").GetString());
        Assert.Contains(report.RootElement.GetProperty("queues").EnumerateArray(), q => q.GetProperty("name").GetString() == "imc" && q.GetProperty("messages").GetInt32() == 3);
    }
}
