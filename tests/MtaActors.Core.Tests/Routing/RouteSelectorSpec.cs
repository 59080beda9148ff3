using System.Collections.Immutable;
using MtaActors.Core.Routing;

namespace MtaActors.Core.Tests.Routing;

public sealed class RouteSelectorSpec
{
    private static readonly ImmutableArray<RouteCandidate> Candidates =
    [
        new("site-a", 5, 10),
        new("site-b", 5, 10),
        new("site-c", 5, 20),
        new("internet", 0, 1),
    ];

    [Fact]
    public void No_candidates_means_no_route()
    {
        Assert.Same(RouteChoice.NoRoute.Instance, RouteSelector.Choose([], _ => true, 0));
        Assert.Same(RouteChoice.NoRoute.Instance, RouteSelector.Choose(default, _ => true, 0));
    }

    [Fact]
    public void Candidates_that_are_all_down_wait_for_a_link()
    {
        var choice = RouteSelector.Choose(Candidates, _ => false, 0);

        var down = Assert.IsType<RouteChoice.AllRoutesDown>(choice);
        Assert.Equal(["site-a", "site-b", "site-c", "internet"], down.Links);
    }

    [Fact]
    public void The_best_up_link_is_chosen()
        => Assert.Equal(new RouteChoice.ViaLink("site-a"), RouteSelector.Choose(Candidates, link => link != "site-b", 1));

    [Fact]
    public void Down_links_are_skipped_in_favour_of_a_dearer_equally_specific_one()
        => Assert.Equal(new RouteChoice.ViaLink("site-c"), RouteSelector.Choose(Candidates, link => link is "site-c" or "internet", 0));

    [Fact]
    public void When_every_specific_link_is_down_a_less_specific_up_link_carries_the_message()
        => Assert.Equal(new RouteChoice.ViaLink("internet"), RouteSelector.Choose(Candidates, link => link == "internet", 7));

    [Fact]
    public void Equal_links_share_the_load_by_spread()
    {
        var chosen = Enumerable.Range(0, 100)
            .Select(spread => RouteSelector.Choose(Candidates, _ => true, spread))
            .Cast<RouteChoice.ViaLink>()
            .GroupBy(choice => choice.Link)
            .ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(new Dictionary<string, int> { ["site-a"] = 50, ["site-b"] = 50 }, chosen);
    }

    [Fact]
    public void Load_sharing_does_not_depend_on_candidate_order()
    {
        var reversed = Candidates.Reverse().ToImmutableArray();
        for (var spread = -5; spread < 5; spread++)
        {
            Assert.Equal(RouteSelector.Choose(Candidates, _ => true, spread), RouteSelector.Choose(reversed, _ => true, spread));
        }
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    [InlineData(-3)]
    public void Any_spread_picks_a_link_of_the_best_group(int spread)
    {
        ImmutableArray<RouteCandidate> three = [new("x", 1, 1), new("y", 1, 1), new("z", 1, 1)];

        var choice = Assert.IsType<RouteChoice.ViaLink>(RouteSelector.Choose(three, _ => true, spread));

        // |spread| mod 3 indexes the link-name order x, y, z.
        Assert.Equal(new[] { "x", "y", "z" }[(int)(Math.Abs((long)spread) % 3)], choice.Link);
    }

    [Fact]
    public void Each_link_is_asked_once_whether_it_is_up()
    {
        var asked = new List<string>();
        RouteSelector.Choose(Candidates, link =>
        {
            asked.Add(link);
            return true;
        }, 0);

        Assert.Equal(["site-a", "site-b", "site-c", "internet"], asked);
    }
}
