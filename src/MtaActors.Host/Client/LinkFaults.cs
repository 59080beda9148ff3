using System.Text.Json;

namespace MtaActors.Host.Client;

/// <summary>
/// One link's entry in <c>GET /api/faults</c>. A fault is its <c>kind</c> and the parameters of that kind, kept as the
/// daemon wrote them (the set of parameters is the fault switchboard's, and grows with it).
/// </summary>
internal sealed record LinkFaults(string Link, IReadOnlyList<Dictionary<string, JsonElement>> Faults);
