using System.Text.Json;
using System.Text.Json.Serialization;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Links;

namespace MtaActors.Host.Api;

/// <summary>
/// Source-generated JSON for every admin API reply (camelCase, web defaults), so the hot submit path
/// serializes without reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorReply))]
[JsonSerializable(typeof(HealthReply))]
[JsonSerializable(typeof(SubmittedReply))]
[JsonSerializable(typeof(BatchSubmittedReply))]
[JsonSerializable(typeof(IReadOnlyList<QueueStatus>))]
[JsonSerializable(typeof(MtaStatistics))]
[JsonSerializable(typeof(QueueStatus))]
[JsonSerializable(typeof(FlushReport))]
[JsonSerializable(typeof(QueueListingReply))]
[JsonSerializable(typeof(MtaAdministrationStatus))]
[JsonSerializable(typeof(PurgeReply))]
[JsonSerializable(typeof(MessageOperationReply))]
[JsonSerializable(typeof(MtaActors.Engine.Queues.QueueRetried))]
[JsonSerializable(typeof(IReadOnlyList<SiteCounters>))]
[JsonSerializable(typeof(IReadOnlyList<TrackingReply>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
