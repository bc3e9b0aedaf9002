using System.Text.Json.Serialization;

namespace NopSegments.Web.Tracking;

/// <summary>What the browser tracker posts: <c>{"events":[{"name":"page_viewed","properties":{...}}]}</c>.</summary>
internal sealed record TrackRequest(IReadOnlyList<TrackedEvent>? Events);

/// <summary>One event from the browser; the server adds the visitor, session, time and session properties.</summary>
internal sealed record TrackedEvent(string? Name, [property: JsonConverter(typeof(PostedPropertiesConverter))] PostedProperties? Properties);
