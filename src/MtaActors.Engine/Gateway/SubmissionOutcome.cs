namespace MtaActors.Engine.Gateway;

/// <summary>What became of one submitted message (see <see cref="SubmittedMessage"/>).</summary>
public enum SubmissionOutcome
{
    /// <summary>Journaled now: the MTA owns it.</summary>
    Accepted,

    /// <summary>
    /// Its id is known with the same content (queued, finished within the id window, or earlier in the same batch):
    /// nothing new was journaled and nothing will be delivered twice; the MTA owns the message all the same.
    /// </summary>
    Duplicate,

    /// <summary>Its id is known with different content: refused, nothing journaled.</summary>
    Conflict,

    /// <summary>Fine in itself, but another message of its batch conflicted, and a batch is accepted whole or not at all.</summary>
    NotAccepted,
}
