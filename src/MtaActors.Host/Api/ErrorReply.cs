namespace MtaActors.Host.Api;

/// <summary>The body of every failed admin API call: one line that names the field or the reason.</summary>
public sealed record ErrorReply(string Error);
