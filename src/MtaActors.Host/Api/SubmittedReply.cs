namespace MtaActors.Host.Api;

/// <summary>The body of a 202 from <c>POST /api/messages</c>: the id of the durably accepted message.</summary>
public sealed record SubmittedReply(string Id);
