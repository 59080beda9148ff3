namespace MtaActors.Engine.WorkQueue;

/// <summary>What the work queue knows of an id: the fingerprint it promises and in what state its message is (for the reason).</summary>
public sealed record KnownSubmission(string Fingerprint, string State);
