using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Links;
using MtaActors.Engine.Persistence;
using MtaActors.Engine.SuperQueue;
using MtaActors.Engine.WorkQueue;
using Address = MtaActors.Core.Addressing.Address;

namespace MtaActors.Engine.Inspection;

/// <summary>
/// The checks of <c>mta check</c> (the <c>mtacheck /v</c> of Q282780) over a rebuilt journal; pure. It checks the super
/// queue registry, every queue and every message object: readable and well-formed events, every queue a message is on
/// known to the registry, no recipient on two queues, no secured-queue journal without a registry entry (which a start
/// would not open: its mail would sit unseen), and assignments the target queue never got.
/// </summary>
public static class JournalChecker
{
    public const string WorkQueueId = "Q000000";

    private const string UnknownKind = "unknown";

    /// <param name="image">The journal.</param>
    /// <param name="topology">The topology the daemon runs with, when known: queues it configures are expected, others are held suspended.</param>
    public static CheckReport Check(JournalImage image, Topology? topology)
    {
        var findings = ImmutableArray.CreateBuilder<CheckFinding>();
        var objects = ImmutableArray.CreateBuilder<CheckedObject>();
        var registry = image.Registry;
        var configured = topology?.Links.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);

        CheckReadable(image, findings);
        CheckRegistry(image, configured, findings);

        // Who holds which recipient of which message: (message, recipient) → queues.
        var holders = new Dictionary<(string MessageId, Address Recipient), List<string>>();
        var malformed = new HashSet<string>(StringComparer.Ordinal);

        foreach (var pending in image.WorkQueue.Messages)
        {
            var ok = CheckMessage(pending.Message, WorkQueueSettings.PersistenceId, findings, malformed);
            foreach (var (recipient, queue) in pending.Assigned)
            {
                var entry = registry.ByName.GetValueOrDefault(queue);
                if (entry is null)
                {
                    ok = false;
                    findings.Add(new CheckFinding(
                        FindingSeverity.Problem,
                        "message-on-missing-queue",
                        pending.Message.Id,
                        $"recipient {recipient} is assigned to queue {queue}, which the registry does not know",
                        Descriptor(queue, configured)));
                }
                else if (!entry.Secured)
                {
                    ok = false;
                    findings.Add(new CheckFinding(
                        FindingSeverity.Problem,
                        "assigned-to-non-secured-queue",
                        pending.Message.Id,
                        $"recipient {recipient} is assigned to {queue} ({entry.Id}), which the registry says is not secured"));
                }
                else if (!image.SecuredQueues.TryGetValue(queue, out var held) || !held.Contains(pending.Message.Id))
                {
                    findings.Add(new CheckFinding(
                        FindingSeverity.Warning,
                        "assignment-not-on-queue",
                        pending.Message.Id,
                        $"recipient {recipient} is assigned to {queue} ({entry.Id}), whose journal does not hold it; a start hands it to {queue} again"));
                }
            }

            objects.Add(new CheckedObject(pending.Message.Id, WorkQueueSettings.PersistenceId, pending.Message.Recipients.Length, ok));
        }

        foreach (var (name, queue) in image.SecuredQueues)
        {
            foreach (var queued in queue.Items)
            {
                var ok = CheckMessage(queued.Envelope.Message, name, findings, malformed);
                foreach (var recipient in queued.Envelope.Recipients)
                {
                    var key = (queued.MessageId, recipient);
                    if (!holders.TryGetValue(key, out var list))
                    {
                        holders[key] = list = [];
                    }

                    list.Add(name);
                    if (image.WorkQueue.Find(queued.MessageId)?.Assigned.GetValueOrDefault(recipient) is { } assignedTo
                        && !string.Equals(assignedTo, name, StringComparison.OrdinalIgnoreCase))
                    {
                        ok = false;
                        findings.Add(new CheckFinding(
                            FindingSeverity.Problem,
                            "misplaced-object",
                            queued.MessageId,
                            $"recipient {recipient} is on queue {name} but the work queue assigned it to {assignedTo}"));
                    }
                }

                objects.Add(new CheckedObject(queued.MessageId, name, queued.Envelope.Recipients.Length, ok));
            }
        }

        foreach (var quarantined in image.PoisonQueue.Messages)
        {
            var ok = CheckMessage(quarantined.Envelope.Envelope.Message, Poison.PoisonQueue.Name, findings, malformed);
            foreach (var recipient in quarantined.Envelope.Envelope.Recipients)
            {
                var key = (quarantined.MessageId, recipient);
                if (!holders.TryGetValue(key, out var list))
                {
                    holders[key] = list = [];
                }

                list.Add(Poison.PoisonQueue.Name);
            }

            objects.Add(new CheckedObject(quarantined.MessageId, Poison.PoisonQueue.Name, quarantined.Envelope.Envelope.Recipients.Length, ok));
        }

        // A message on its secured link and on the poison queue is a hand-off a stop interrupted: the link journals the
        // removal once the poison queue has the message, and a start offers it again. Not a problem, but worth a look.
        static bool HandOff(List<string> queues) => queues.Count == 2 && queues.Contains(Poison.PoisonQueue.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var ((messageId, recipient), queues) in holders.Where(h => h.Value.Count > 1).OrderBy(h => h.Key.MessageId, StringComparer.Ordinal))
        {
            findings.Add(HandOff(queues)
                ? new CheckFinding(
                    FindingSeverity.Warning,
                    "quarantine-hand-off",
                    messageId,
                    $"recipient {recipient} is on {queues.First(q => q != Poison.PoisonQueue.Name)} and on the poison queue: a quarantine hand-off a stop interrupted; a start completes it when the message crashes its link again, or remove it from one queue")
                : new CheckFinding(
                    FindingSeverity.Problem,
                    "duplicate-object",
                    messageId,
                    $"recipient {recipient} is on {queues.Count} queues: {string.Join(", ", queues)}"));
        }

        var duplicated = holders.Where(h => h.Value.Count > 1 && !HandOff(h.Value)).Select(h => h.Key.MessageId).ToHashSet(StringComparer.Ordinal);
        var checkedObjects = objects.Select(o => duplicated.Contains(o.MessageId) ? o with { Ok = false } : o).ToImmutableArray();
        return new CheckReport(QueueLines(image, configured, findings), checkedObjects, findings.ToImmutable());
    }

    private static void CheckReadable(JournalImage image, ImmutableArray<CheckFinding>.Builder findings)
    {
        foreach (var entity in image.Entities.Values.OrderBy(e => e.PersistenceId, StringComparer.Ordinal))
        {
            if (entity.ReadError is { } error)
            {
                findings.Add(new CheckFinding(FindingSeverity.Problem, entity.ReadErrorCode, entity.PersistenceId, error));
            }

            CheckHistory(entity, findings);
            var unverified = entity.Events.Select(e => e.Payload).Prepend(entity.Snapshot).Count(p => p is not null && MtaEventSerializer.IsUnverified(p));
            if (unverified > 0)
            {
                findings.Add(new CheckFinding(
                    FindingSeverity.Warning,
                    "unverified",
                    entity.PersistenceId,
                    $"{unverified} events or snapshots were written before checksums (format 1) and cannot be verified; the next snapshot rewrites them with one"));
            }

            var belongs = Belongs(entity.PersistenceId);
            foreach (var payload in entity.Events.Select(e => (e.SequenceNr, (object?)e.Payload)).Prepend((entity.SnapshotSequenceNr, entity.Snapshot)))
            {
                if (payload.Item2 is { } item && belongs is not null && !belongs(item))
                {
                    findings.Add(new CheckFinding(
                        FindingSeverity.Problem,
                        "unexpected-event",
                        entity.PersistenceId,
                        $"sequence number {payload.Item1} holds a {item.GetType().Name}, which this journal never writes"));
                }
            }
        }

        foreach (var id in image.ForeignIds.Where(id => image.Entities[id] is { IsEmpty: false }))
        {
            findings.Add(new CheckFinding(FindingSeverity.Warning, "foreign-journal", id, "a journal that belongs to none of the MTA's queues"));
        }
    }

    /// <summary>
    /// A history with a hole: the first event after the snapshot (or the first at all, without one) is not the next
    /// sequence number, or events skip numbers. Whatever the missing rows held (a deleted snapshot's whole queue) is
    /// gone; the message ids the remaining events still name without ever introducing them are the ones known lost.
    /// </summary>
    private static void CheckHistory(JournalEntity entity, ImmutableArray<CheckFinding>.Builder findings)
    {
        var expected = entity.SnapshotSequenceNr + 1;
        var holes = new List<string>();
        foreach (var journaled in entity.Events)
        {
            if (journaled.SequenceNr > expected)
            {
                holes.Add(journaled.SequenceNr == expected + 1 ? $"{expected}" : $"{expected}-{journaled.SequenceNr - 1}");
            }

            expected = journaled.SequenceNr + 1;
        }

        if (holes.Count == 0)
        {
            return;
        }

        var covered = entity.Snapshot is null ? "there is no snapshot" : $"the snapshot covers up to {entity.SnapshotSequenceNr}";
        var lost = NamedButNeverIntroduced(entity);
        var named = lost.Count > 0 ? $"; messages lost with them: {string.Join(", ", lost)}" : "; no remaining event names what they held";
        findings.Add(new CheckFinding(
            FindingSeverity.Problem,
            "history-gap",
            entity.PersistenceId,
            $"sequence numbers {string.Join(", ", holes)} are missing and {covered} (a deleted snapshot or lost rows): what they held is lost{named}"));
    }

    private static List<string> NamedButNeverIntroduced(JournalEntity entity)
    {
        var introduced = new HashSet<string>(StringComparer.Ordinal);
        var named = new SortedSet<string>(StringComparer.Ordinal);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var payload in entity.Events.Select(e => e.Payload).Prepend(entity.Snapshot))
        {
            switch (payload)
            {
                case SecuredQueueSnapshot snapshot:
                    introduced.UnionWith(snapshot.Envelopes.Select(e => e.MessageId));
                    break;
                case EnvelopesEnqueued enqueued:
                    introduced.UnionWith(enqueued.Envelopes.Select(e => e.MessageId));
                    break;
                case TransferAttempted attempted:
                    named.UnionWith(attempted.MessageIds);
                    break;
                case TransferCrashed crashed:
                    named.UnionWith(crashed.MessageIds);
                    break;
                case EnvelopesHeld held:
                    named.UnionWith(held.MessageIds);
                    break;
                case EnvelopesReleased released:
                    named.UnionWith(released.MessageIds);
                    break;
                case EnvelopesRemoved removed:
                    gone.UnionWith(removed.MessageIds);
                    break;
                case WorkQueueSnapshot snapshot:
                    introduced.UnionWith(snapshot.Messages.Select(m => m.Message.Id));
                    break;
                case MessagesAccepted accepted:
                    introduced.UnionWith(accepted.Messages.Select(m => m.Id));
                    break;
                case MessagesReinstated reinstated:
                    introduced.UnionWith(reinstated.Envelopes.Select(e => e.MessageId));
                    break;
                case RecipientsAssigned assigned:
                    named.UnionWith(assigned.Items.Select(i => i.MessageId));
                    break;
            }
        }

        return [.. named.Where(id => !introduced.Contains(id) && !gone.Contains(id))];
    }

    private static Func<object, bool>? Belongs(string persistenceId) => persistenceId switch
    {
        SuperQueue.SuperQueue.Id => item => item is QueueRegistered or SuperQueueSnapshot,
        Administration.AdministrationStore.Id => item => item is Administration.LinkSuspensionRecorded or Administration.LinkResumptionRecorded
            or Administration.MtaDisabledRecorded or Administration.MtaEnabledRecorded or Administration.AdministrationSnapshot,
        WorkQueueSettings.PersistenceId => item => item is MessagesAccepted or RecipientsAssigned or RecipientsCompleted or MessagesReinstated or WorkQueueSnapshot,
        Poison.PoisonQueue.PersistenceIdValue => item => item is Poison.MessageQuarantined or Poison.QuarantineLifted or Poison.PoisonQueueSnapshot,
        _ when persistenceId.StartsWith(JournalImage.SecuredQueuePrefix, StringComparison.Ordinal)
            => item => item is EnvelopesEnqueued or TransferAttempted or TransferCrashed or EnvelopesHeld or EnvelopesReleased or EnvelopesRemoved or SecuredQueueSnapshot,
        _ => null,
    };

    private static void CheckRegistry(JournalImage image, Dictionary<string, LinkDefinition>? configured, ImmutableArray<CheckFinding>.Builder findings)
    {
        var registry = image.Registry;
        var holdsMail = image.WorkQueue.Count > 0 || image.SecuredQueues.Values.Any(q => q.Count > 0) || image.PoisonQueue.Count > 0;
        if (registry.ByName.IsEmpty && holdsMail)
        {
            findings.Add(new CheckFinding(
                FindingSeverity.Problem,
                "registry-lost",
                SuperQueue.SuperQueue.Id,
                "the super queue registry is empty while queues hold mail"));
        }

        foreach (var group in registry.ByName.Values.GroupBy(q => q.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Add(new CheckFinding(
                FindingSeverity.Problem,
                "registry-duplicate-id",
                group.Key,
                $"one id for several queues: {string.Join(", ", group.Select(q => q.Name))}"));
        }

        foreach (var (name, queue) in image.SecuredQueues)
        {
            if (!registry.ByName.TryGetValue(name, out var entry))
            {
                if (queue.Count > 0)
                {
                    findings.Add(new CheckFinding(
                        FindingSeverity.Problem,
                        "unregistered-queue",
                        name,
                        $"secured queue journal {JournalImage.SecuredQueuePrefix}{name} holds {queue.Count} messages but the registry has no entry for it",
                        Descriptor(name, configured)));
                }
            }
            else if (!entry.Secured && queue.Count > 0)
            {
                findings.Add(new CheckFinding(
                    FindingSeverity.Problem,
                    "queue-not-secured",
                    entry.Id,
                    $"{name} holds {queue.Count} messages on its journal but the registry says it is not secured; a start would not recover them"));
            }
        }

        if (configured is not null)
        {
            foreach (var entry in registry.ByName.Values.Where(q => q.Secured && !configured.ContainsKey(q.Name) && image.SecuredQueues.GetValueOrDefault(q.Name) is { Count: > 0 }))
            {
                findings.Add(new CheckFinding(
                    FindingSeverity.Warning,
                    "detached-queue",
                    entry.Id,
                    $"{entry.Name} is not in the topology; a start holds its {image.SecuredQueues[entry.Name].Count} messages suspended"));
            }
        }
    }

    private static bool CheckMessage(Message message, string queue, ImmutableArray<CheckFinding>.Builder findings, HashSet<string> reported)
    {
        var reasons = new List<string>();
        if (string.IsNullOrWhiteSpace(message.Id))
        {
            reasons.Add("no id");
        }

        if (message.Originator is null || !message.Originator.IsValid)
        {
            reasons.Add($"invalid originator ({message.Originator?.Error ?? "missing"})");
        }

        if (message.Recipients.IsDefaultOrEmpty)
        {
            reasons.Add("no recipients");
        }

        if (message.ExpiresAt < message.SubmittedAt)
        {
            reasons.Add("expires before it was submitted");
        }

        if (reasons.Count == 0)
        {
            return true;
        }

        if (reported.Add($"{queue}\n{message.Id}"))
        {
            findings.Add(new CheckFinding(FindingSeverity.Problem, "malformed-message", message.Id, $"on {queue}: {string.Join("; ", reasons)}"));
        }

        return false;
    }

    private static QueueDescriptor Descriptor(string name, Dictionary<string, LinkDefinition>? configured)
        => configured?.GetValueOrDefault(name) is { } link
            ? new QueueDescriptor(link.Name, LinkKinds.ToName(link.Kind), Secured: true)
            : new QueueDescriptor(name, UnknownKind, Secured: true);

    private static ImmutableArray<QueueCheckLine> QueueLines(JournalImage image, Dictionary<string, LinkDefinition>? configured, ImmutableArray<CheckFinding>.Builder findings)
    {
        var lines = ImmutableArray.CreateBuilder<QueueCheckLine>();
        string StatusOf(params string[] subjects)
        {
            var about = findings.Where(f => subjects.Contains(f.Subject, StringComparer.OrdinalIgnoreCase)).ToList();
            return about.Any(f => f.Severity == FindingSeverity.Problem) ? "problem" : about.Count > 0 ? "warning" : "ok";
        }

        var registry = image.Registry;
        lines.Add(new QueueCheckLine("-", SuperQueue.SuperQueue.Id, "registry", true, registry.ByName.Count, StatusOf(SuperQueue.SuperQueue.Id), $"{registry.ByName.Count} queues registered"));

        var workMessages = image.WorkQueue.Messages.ToList();
        var workIds = workMessages.Select(m => m.Message.Id).ToHashSet(StringComparer.Ordinal);
        var workStatus = findings.Any(f => f.Severity == FindingSeverity.Problem && workIds.Contains(f.Subject)
                && (f.Code is "message-on-missing-queue" or "assigned-to-non-secured-queue" || f.Detail.StartsWith($"on {WorkQueueSettings.PersistenceId}:", StringComparison.Ordinal)))
            ? "problem"
            : StatusOf(WorkQueueSettings.PersistenceId);
        lines.Add(new QueueCheckLine(WorkQueueId, WorkQueueSettings.PersistenceId, "work-queue", true, workMessages.Count, workStatus, $"{workMessages.Sum(m => m.Assigned.Count)} recipients assigned to secured queues not yet acknowledged"));

        foreach (var entry in registry.ByName.Values.OrderBy(q => q.Id, StringComparer.Ordinal))
        {
            if (string.Equals(entry.Name, Poison.PoisonQueue.Name, StringComparison.OrdinalIgnoreCase))
            {
                var count = image.PoisonQueue.Count;
                lines.Add(new QueueCheckLine(entry.Id, entry.Name, entry.Kind, entry.Secured, count, StatusOf(entry.Id, entry.Name, Poison.PoisonQueue.PersistenceIdValue), count > 0 ? "quarantined: release or remove by hand" : ""));
                continue;
            }

            var held = image.SecuredQueues.GetValueOrDefault(entry.Name);
            var ids = held?.Items.Select(q => q.MessageId).ToHashSet(StringComparer.Ordinal) ?? [];
            var problem = findings.Any(f => f.Severity == FindingSeverity.Problem && ids.Contains(f.Subject) && f.Detail.Contains(entry.Name, StringComparison.OrdinalIgnoreCase));
            var status = problem ? "problem" : StatusOf(entry.Id, entry.Name, JournalImage.SecuredQueuePrefix + entry.Name);
            var note = !entry.Secured
                ? "in memory; routed again at start"
                : configured is not null && !configured.ContainsKey(entry.Name) ? "not in the topology: held suspended at start" : "";
            lines.Add(new QueueCheckLine(entry.Id, entry.Name, entry.Kind, entry.Secured, entry.Secured ? held?.Count ?? 0 : null, status, note));
        }

        foreach (var (name, held) in image.SecuredQueues.Where(q => !registry.ByName.ContainsKey(q.Key)))
        {
            lines.Add(new QueueCheckLine("-", name, Descriptor(name, configured).Kind, true, held.Count, held.Count > 0 ? "problem" : "ok", "not in the registry"));
        }

        return lines.ToImmutable();
    }
}
