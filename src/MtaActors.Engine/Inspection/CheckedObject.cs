namespace MtaActors.Engine.Inspection;

/// <summary>One message object on one queue, for the verbose listing (the <c>mtacheck /v</c> "Checking object" lines).</summary>
public sealed record CheckedObject(string MessageId, string Queue, int Recipients, bool Ok);
