using System.Text.Json;
using System.Text.Json.Serialization;

namespace NopSegments.Web.Tracking;

/// <summary>The tracker's request read by generated code: no reflection-built metadata on the hottest endpoint.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TrackRequest))]
internal sealed partial class TrackingJsonContext : JsonSerializerContext;
