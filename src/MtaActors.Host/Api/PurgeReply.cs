using System.Collections.Immutable;
using MtaActors.Engine.Purge;

namespace MtaActors.Host.Api;

/// <summary>The body of <c>POST /api/purge</c>: per queue the messages removed (or, dry run, that would be), in wire names.</summary>
public sealed record PurgeReply(bool DryRun, ImmutableArray<string> Classes, ImmutableArray<PurgeQueueReply> Queues, int Total)
{
    public static PurgeReply From(PurgeReport report)
        => new(
            report.DryRun,
            [.. report.Classes.Select(WireNames.Of)],
            [.. report.Queues.Select(q => new PurgeQueueReply(q.Queue, q.Messages.Length, [.. q.Messages.Select(m => new PurgedMessageReply(m.Id, WireNames.Of(m.Class), m.Recipients))], q.InFlight))],
            report.Total);
}

/// <summary>One queue's part: how many, which, and those left alone because they were on the wire.</summary>
public sealed record PurgeQueueReply(string Queue, int Removed, ImmutableArray<PurgedMessageReply> Messages, ImmutableArray<string> InFlight);

public sealed record PurgedMessageReply(string Id, string Class, ImmutableArray<string> Recipients);
