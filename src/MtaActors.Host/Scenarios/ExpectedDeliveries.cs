using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Topology;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Host.Scenarios;

/// <summary>One copy the daemon owes for an accepted submission: the submission and one recipient once lists are expanded.</summary>
public sealed record ExpectedDelivery(Submission Submission, string Recipient);

/// <summary>
/// The copies a set of accepted submissions must produce: a submission to a distribution list owes one copy to each
/// member (nested lists expanded, each address once), as the router makes them. The expansion is the router's own
/// (<see cref="RoutingPlanner.Expand(IReadOnlyCollection{Address})"/>), so a check can never expect what the router does not do.
/// </summary>
public static class ExpectedDeliveries
{
    public static ImmutableArray<ExpectedDelivery> Of(Topology topology, IEnumerable<Submission> accepted)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(accepted);
        var planner = new RoutingPlanner(topology);
        var members = new Dictionary<string, ImmutableArray<Address>>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<ExpectedDelivery>();
        foreach (var submission in accepted)
        {
            if (!members.TryGetValue(submission.Recipient, out var copies))
            {
                copies = planner.Expand([Address.Parse(submission.Recipient)]);
                members[submission.Recipient] = copies;
            }

            foreach (var recipient in copies)
            {
                result.Add(new ExpectedDelivery(submission, recipient.Value));
            }
        }

        return result.ToImmutable();
    }
}
