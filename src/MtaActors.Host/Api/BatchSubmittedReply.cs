using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace MtaActors.Host.Api;

/// <summary>
/// The body of a 202 from <c>POST /api/messages/batch</c>: the ids, in the order the messages were given, and the
/// indexes of those that were duplicates (their id known with the same content; omitted when there are none).
/// </summary>
public sealed record BatchSubmittedReply(
    ImmutableArray<string> Ids,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<int>? Duplicates = null);
