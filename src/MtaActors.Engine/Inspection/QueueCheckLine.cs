namespace MtaActors.Engine.Inspection;

/// <summary>
/// One queue as <c>mta check</c> saw it: its registry id ("-" when it has none), what it holds on the journal
/// (null for queues that live in memory only) and a one-word status (ok, problem, warning).
/// </summary>
public sealed record QueueCheckLine(string Id, string Name, string Kind, bool Secured, int? Messages, string Status, string Note);
