namespace MtaActors.Engine.Gateway;

/// <summary>
/// The answer for one message of a submission, in the order given. <see cref="Reason"/> says why, for a
/// <see cref="SubmissionOutcome.Conflict"/> (naming the id and what it collides with), else null.
/// </summary>
public sealed record SubmittedMessage(string Id, SubmissionOutcome Outcome, string? Reason = null)
{
    /// <summary>True when the MTA owns the message after this submission (accepted now or before).</summary>
    public bool Owned => Outcome is SubmissionOutcome.Accepted or SubmissionOutcome.Duplicate;
}
