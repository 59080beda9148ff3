namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// A message the work queue has finished with, remembered by id and fingerprint for a while, so a resubmission of it
/// is answered as a duplicate (or refused as a conflict) rather than delivered again.
/// </summary>
public sealed record FinishedSubmission(string Id, string Fingerprint, DateTimeOffset FinishedAt);
