using System.Text;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// The crash test's judgement of one trial, from the submission ledger and the delivery logs:
/// <list type="bullet">
/// <item>lost: an accepted message (202) with an expected recipient that has no delivery; also an unanswered message
/// that reached some of its recipients (so it was accepted) but not all;</item>
/// <item>duplicated: any (message, recipient) delivered more than once, in any log;</item>
/// <item>unexpected: a delivery the load never asked for (a misroute, or a non-delivery report: every recipient in the
/// mix is valid and reachable).</item>
/// </list>
/// Suppressed redeliveries are not faults: they are counted to show that the crashes did cause redelivery attempts.
/// </summary>
internal sealed record CrashVerdict(
    IReadOnlyList<string> Lost,
    IReadOnlyList<string> Duplicated,
    IReadOnlyList<string> Unexpected,
    int Accepted,
    int Unanswered,
    int UnansweredDelivered,
    int Deliveries,
    int Suppressed)
{
    public bool Passed => Lost.Count == 0 && Duplicated.Count == 0 && Unexpected.Count == 0;

    /// <summary>
    /// Deliveries still missing for messages known to be accepted: answered 202, or unanswered but already delivered
    /// to someone (used to wait for the drain).
    /// </summary>
    public static int Missing(SubmissionLedger ledger, DeliveryCount deliveries)
        => ledger.Sent.Sum(s =>
        {
            var missing = s.Value.Expected.Count(r => deliveries.DeliveredTo(s.Key, r) == 0);
            return ledger.IsAccepted(s.Key) || missing < s.Value.Expected.Length ? missing : 0;
        });

    public static CrashVerdict Judge(SubmissionLedger ledger, DeliveryCount deliveries)
    {
        var lost = new List<string>();
        var unansweredDelivered = 0;
        foreach (var (id, template) in ledger.Sent)
        {
            var reached = template.Expected.Count(r => deliveries.DeliveredTo(id, r) > 0);
            var accepted = ledger.IsAccepted(id);
            if (!accepted && reached > 0)
            {
                unansweredDelivered++;
            }

            if ((accepted || reached > 0) && reached < template.Expected.Length)
            {
                var missing = string.Join(", ", template.Expected.Where(r => deliveries.DeliveredTo(id, r) == 0));
                lost.Add($"{id} ({template.Name}, {(accepted ? "accepted" : "unanswered but partly delivered")}): never delivered to {missing}");
            }
        }

        var duplicated = deliveries.Counts
            .Where(c => c.Value.Delivered > 1)
            .Select(c => $"{c.Key.MessageId} -> {c.Key.Recipient} delivered {c.Value.Delivered} times at {c.Value.Site}")
            .ToList();
        var unexpected = deliveries.Counts
            .Where(c => c.Value.Delivered > 0
                && !(ledger.Sent.TryGetValue(c.Key.MessageId, out var template) && template.Expected.Contains(c.Key.Recipient)))
            .Select(c => $"{c.Key.MessageId} -> {c.Key.Recipient} at {c.Value.Site}")
            .ToList();
        return new CrashVerdict(
            lost,
            duplicated,
            unexpected,
            ledger.AcceptedCount,
            ledger.SentCount - ledger.AcceptedCount,
            unansweredDelivered,
            deliveries.DeliveredTotal,
            deliveries.SuppressedTotal);
    }

    public string Summary()
        => $"{Accepted} accepted, {Unanswered} unanswered ({UnansweredDelivered} of them delivered), {Deliveries} deliveries, "
            + $"{Suppressed} redeliveries suppressed; {Lost.Count} lost, {Duplicated.Count} duplicated, {Unexpected.Count} unexpected";

    public string Details(int max = 10)
    {
        var text = new StringBuilder(Summary());
        foreach (var (title, items) in new[] { ("lost", Lost), ("duplicated", Duplicated), ("unexpected", Unexpected) })
        {
            foreach (var item in items.Take(max))
            {
                text.Append('\n').Append(title).Append(": ").Append(item);
            }

            if (items.Count > max)
            {
                text.Append('\n').Append(title).Append(": ... ").Append(items.Count - max).Append(" more");
            }
        }

        return text.ToString();
    }
}
