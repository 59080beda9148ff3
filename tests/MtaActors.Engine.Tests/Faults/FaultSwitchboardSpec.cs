using Microsoft.Extensions.Time.Testing;
using MtaActors.Engine.Faults;

namespace MtaActors.Engine.Tests.Faults;

public sealed class FaultSwitchboardSpec
{
    [Fact]
    public void A_fresh_board_has_no_faults()
    {
        var board = new FaultSwitchboard();

        Assert.True(board.IsEmpty);
        Assert.Empty(board.Get("paris"));
        Assert.Empty(board.All());
    }

    [Fact]
    public void Setting_a_kind_again_replaces_it_and_other_kinds_stay()
    {
        var board = new FaultSwitchboard();
        board.Set("paris", new LatencyFault(TimeSpan.FromMilliseconds(100), TimeSpan.Zero));
        board.Set("paris", new ErrorRateFault(0.1));

        board.Set("paris", new LatencyFault(TimeSpan.FromMilliseconds(300), TimeSpan.Zero));

        Assert.Equal(
            [new LatencyFault(TimeSpan.FromMilliseconds(300), TimeSpan.Zero), new ErrorRateFault(0.1)],
            board.Get("paris").ToArray());
    }

    [Fact]
    public void Link_names_are_case_insensitive()
    {
        var board = new FaultSwitchboard();
        board.Set("Paris-Site", DownFault.Instance);

        Assert.Equal([DownFault.Instance], board.Get("PARIS-SITE").ToArray());
        Assert.True(board.Clear("paris-site"));
        Assert.True(board.IsEmpty);
    }

    [Fact]
    public void Clearing_one_kind_leaves_the_others()
    {
        var board = new FaultSwitchboard();
        board.Set("paris", DownFault.Instance);
        board.Set("paris", new ResetFault(1));

        Assert.True(board.Clear("paris", "down"));

        Assert.Equal([new ResetFault(1)], board.Get("paris").ToArray());
    }

    [Fact]
    public void Clearing_what_is_not_set_reports_false()
    {
        var board = new FaultSwitchboard();
        board.Set("paris", DownFault.Instance);

        Assert.False(board.Clear("rome"));
        Assert.False(board.Clear("paris", "hang"));
        Assert.True(board.Clear("paris", "down"));
        Assert.False(board.Clear("paris"));
        Assert.True(board.IsEmpty);
    }

    [Fact]
    public void Each_fault_remembers_when_it_was_set()
    {
        var time = new FakeTimeProvider();
        var board = new FaultSwitchboard(time);
        var setAt = time.GetUtcNow();
        board.Set("paris", new FlapFault(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        time.Advance(TimeSpan.FromMinutes(1));
        board.Set("paris", DownFault.Instance);

        var active = board.GetActive("paris");

        Assert.Equal([setAt, setAt.AddMinutes(1)], active.Select(a => a.Since).ToArray());
    }

    [Fact]
    public void A_snapshot_does_not_change_when_the_board_does()
    {
        var board = new FaultSwitchboard();
        board.Set("paris", DownFault.Instance);
        var snapshot = board.All();

        board.Set("rome", HangFault.Instance);
        board.ClearAll();

        Assert.Equal(["paris"], snapshot.Keys.ToArray());
        Assert.True(board.IsEmpty);
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_fault()
    {
        var board = new FaultSwitchboard();

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            board.Set($"link-{i}", DownFault.Instance);
            board.Set($"link-{i}", new ErrorRateFault(0.5));
            board.Set("shared", new LatencyFault(TimeSpan.FromMilliseconds(i), TimeSpan.Zero));
        })));

        Assert.Equal(65, board.All().Count);
        Assert.All(Enumerable.Range(0, 64), i => Assert.Equal(2, board.Get($"link-{i}").Length));
        Assert.Single(board.Get("shared"));
    }
}
