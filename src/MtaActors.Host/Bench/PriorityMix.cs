using System.Globalization;
using MtaActors.Core.Messages;

namespace MtaActors.Host.Bench;

/// <summary>
/// Relative weights of urgent, normal and non-urgent messages, written <c>U:N:NU</c> (e.g. <c>10:80:10</c>).
/// Priorities are drawn from a seeded generator, so two runs of one benchmark carry the same mix in the same order.
/// </summary>
internal sealed record PriorityMix(int Urgent, int Normal, int NonUrgent)
{
    public static readonly PriorityMix AllNormal = new(0, 1, 0);

    public static bool TryParse(string text, out PriorityMix? mix, out string? error)
    {
        mix = null;
        var parts = text.Split(':');
        var weights = new int[3];
        if (parts.Length != 3 || parts.Select((p, i) => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out weights[i])).Any(ok => !ok))
        {
            error = $"expected three whole-number weights urgent:normal:non-urgent such as 10:80:10 (got '{text}')";
            return false;
        }

        if (weights.Sum() == 0)
        {
            error = $"at least one weight must be above 0 (got '{text}')";
            return false;
        }

        mix = new PriorityMix(weights[0], weights[1], weights[2]);
        error = null;
        return true;
    }

    public Priority Pick(Random random)
    {
        var roll = random.Next(Urgent + Normal + NonUrgent);
        return roll < Urgent ? Priority.Urgent : roll < Urgent + Normal ? Priority.Normal : Priority.NonUrgent;
    }

    public override string ToString() => $"{Urgent}:{Normal}:{NonUrgent}";
}
