using MtaActors.Engine.Faults;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Faults;

/// <summary>The persisted fault file: what a new switchboard on the same data folder sets again at start.</summary>
public sealed class PersistedFaultFileSpec : IDisposable
{
    private readonly TempDirectory _data = new();

    private FaultSwitchboard Board() => new(TimeProvider.System, seed: 1, PersistedFaultFile.In(_data.Path));

    private string FilePath => Path.Combine(_data.Path, PersistedFaultFile.FileName);

    [Fact]
    public async Task Persisted_faults_come_back_on_a_new_switchboard_and_the_others_do_not()
    {
        var before = Board();
        before.Set("x400-paris", DownFault.Instance with { Persist = true });
        before.Set("x400-paris", new ErrorRateFault(0.5) { Toxicity = 0.5, Persist = true });
        before.Set("x400-newyork", new LatencyFault(TimeSpan.FromMilliseconds(10), TimeSpan.Zero));
        await before.SavePersistedAsync(CancellationToken.None);

        var after = Board();
        var problems = await after.RestorePersistedAsync(CancellationToken.None);

        Assert.Empty(problems);
        Assert.Equal([DownFault.Instance with { Persist = true }, new ErrorRateFault(0.5) { Toxicity = 0.5, Persist = true }], after.Get("x400-paris").ToArray());
        Assert.Empty(after.Get("x400-newyork"));
    }

    [Fact]
    public async Task Clearing_the_last_persisted_fault_removes_the_file()
    {
        var board = Board();
        board.Set("x400-paris", DownFault.Instance with { Persist = true });
        await board.SavePersistedAsync(CancellationToken.None);
        Assert.True(File.Exists(FilePath));

        board.Clear("x400-paris");
        await board.SavePersistedAsync(CancellationToken.None);

        Assert.False(File.Exists(FilePath));
        Assert.Empty(await Board().RestorePersistedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Replacing_a_persisted_fault_with_a_plain_one_forgets_it()
    {
        var board = Board();
        board.Set("x400-paris", DownFault.Instance with { Persist = true });
        await board.SavePersistedAsync(CancellationToken.None);

        board.Set("x400-paris", DownFault.Instance);
        await board.SavePersistedAsync(CancellationToken.None);

        var after = Board();
        await after.RestorePersistedAsync(CancellationToken.None);
        Assert.True(after.IsEmpty);
    }

    [Fact]
    public async Task The_file_is_owner_only_and_no_temporary_file_is_left()
    {
        var board = Board();
        board.Set("x400-paris", DownFault.Instance with { Persist = true });
        await board.SavePersistedAsync(CancellationToken.None);

        Assert.Equal([PersistedFaultFile.FileName], Directory.GetFiles(_data.Path).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        }
    }

    [Fact]
    public async Task Entries_that_cannot_be_used_are_named_and_skipped_and_the_rest_comes_back()
    {
        await File.WriteAllTextAsync(FilePath, """
            { "faults": [
              { "link": "x400-paris", "fault": { "kind": "down", "persist": true } },
              { "link": "x400-rome", "fault": { "kind": "meteor" } },
              { "fault": { "kind": "hang" } }
            ] }
            """);

        var board = Board();
        var problems = await board.RestorePersistedAsync(CancellationToken.None);

        Assert.Equal(
            [
                $"{FilePath}: faults[1].fault: kind: unknown fault kind 'meteor' (expected {string.Join(", ", FaultKinds.All)})",
                $"{FilePath}: faults[2].link: expected a link name",
            ],
            problems.ToArray());
        Assert.Equal([DownFault.Instance with { Persist = true }], board.Get("x400-paris").ToArray());
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_one_problem_and_nothing_is_set()
    {
        await File.WriteAllTextAsync(FilePath, "{ \"faults\": [ { \"link\": ");

        var board = Board();
        var problem = Assert.Single(await board.RestorePersistedAsync(CancellationToken.None));

        Assert.StartsWith($"{FilePath}: malformed JSON", problem, StringComparison.Ordinal);
        Assert.True(board.IsEmpty);
    }

    public void Dispose() => _data.Dispose();
}
