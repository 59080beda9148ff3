using System.Collections.Immutable;

namespace MtaActors.Host.Api;

/// <summary>The body of a 202 from <c>POST /api/messages/batch</c>: the ids, in the order the messages were given.</summary>
public sealed record BatchSubmittedReply(ImmutableArray<string> Ids);
