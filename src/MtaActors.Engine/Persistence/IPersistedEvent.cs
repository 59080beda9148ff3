namespace MtaActors.Engine.Persistence;

/// <summary>
/// Marks everything written to the journal or snapshot store (events and snapshots), so one serializer with stable
/// string manifests handles all of it: renaming a CLR type never breaks an existing journal.
/// </summary>
public interface IPersistedEvent;
