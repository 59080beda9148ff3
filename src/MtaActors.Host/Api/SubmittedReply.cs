using System.Text.Json.Serialization;

namespace MtaActors.Host.Api;

/// <summary>
/// The body of a 202 from <c>POST /api/messages</c>: the id of the durably accepted message, and
/// <c>"duplicate": true</c> when that id was known with the same content (nothing new was accepted).
/// </summary>
public sealed record SubmittedReply(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Duplicate = false);
