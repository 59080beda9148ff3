namespace MtaActors.Engine.Gateway;

/// <summary>
/// Counters since the daemon started. <see cref="Accepted"/> counts messages; <see cref="Delivered"/>,
/// <see cref="NonDelivered"/> and <see cref="Rerouted"/> count recipients; <see cref="DuplicatesSuppressed"/>
/// counts retransmitted recipients that receivers recognised and did not deliver again. <see cref="Quarantined"/> is
/// the poison queue's length now. <see cref="SubmissionsDeduplicated"/> counts submitted messages whose id was known
/// with the same content (answered as duplicates, not accepted again).
/// </summary>
public sealed record MtaStatistics(
    long Accepted,
    long Delivered,
    long NonDelivered,
    long Rerouted,
    long DuplicatesSuppressed,
    int WorkQueueLength,
    int Quarantined = 0,
    long SubmissionsDeduplicated = 0);
