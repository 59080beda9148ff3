using MtaActors.Core.Messages;

namespace MtaActors.Core.Topology;

/// <summary>
/// How a link retries, in the terms of the Exchange 5.5 X.400 connector's override page: after a failed
/// transfer wait <see cref="OpenInterval"/> and try again; after <see cref="MaxOpenRetries"/> failures in a row the
/// link is down (a non-secured link then hands its queue back to the router). A transfer that takes longer than
/// its priority's timeout has failed.
/// </summary>
public sealed record RetryPolicy(
    TimeSpan OpenInterval,
    int MaxOpenRetries,
    TimeSpan UrgentTransferTimeout,
    TimeSpan NormalTransferTimeout,
    TimeSpan NonUrgentTransferTimeout)
{
    /// <summary>Defaults: retry every 5 s, down after 3 failures, transfer timeouts 5 s / 10 s / 20 s.</summary>
    public static readonly RetryPolicy Default = new(
        TimeSpan.FromSeconds(5), 3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));

    public TimeSpan TransferTimeout(Priority priority) => priority switch
    {
        Priority.Urgent => UrgentTransferTimeout,
        Priority.Normal => NormalTransferTimeout,
        _ => NonUrgentTransferTimeout,
    };
}
