using System.Runtime.Serialization;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// A journaled event or snapshot whose content does not match its checksum: damaged after it was written. Recovery
/// fails on it (a queue never runs on content it cannot trust); <c>mta check</c> names it with the message ids it
/// still shows (<see cref="MessageIds"/>).
/// </summary>
public sealed class JournalChecksumException : SerializationException
{
    public JournalChecksumException(string manifest, string problem, IReadOnlyList<string> messageIds)
        : base($"{manifest}: {problem}{(messageIds.Count > 0 ? $"; it names {string.Join(", ", messageIds)}" : "")}")
    {
        Manifest = manifest;
        MessageIds = messageIds;
    }

    public JournalChecksumException()
    {
        Manifest = "";
        MessageIds = [];
    }

    public JournalChecksumException(string message) : base(message)
    {
        Manifest = "";
        MessageIds = [];
    }

    public JournalChecksumException(string message, Exception innerException) : base(message, innerException)
    {
        Manifest = "";
        MessageIds = [];
    }

    public string Manifest { get; }

    public IReadOnlyList<string> MessageIds { get; }
}
