namespace MtaActors.Host.Api;

/// <summary>
/// The body of <c>GET /health</c>: <c>ok</c> once the engine accepts mail, <c>starting</c> before. Once ok it also says
/// whether the MTA is disabled (it still accepts mail and delivers locally, but transfers nothing to other MTAs) and
/// how many messages wait in the poison queue: a monitor can alert on either without another call.
/// </summary>
public sealed record HealthReply(
    string Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] bool? MtaDisabled = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? Quarantined = null);
