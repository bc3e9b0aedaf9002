using System.Text.Json.Serialization;

namespace NopSegments.Web.Tracking;

// Settable properties rather than positional records: System.Text.Json reads constructor parameters through
// per-request argument buffers, a third of the endpoint's own CPU for a 150-byte body.

/// <summary>What the browser tracker posts: <c>{"events":[{"name":"page_viewed","properties":{...}}]}</c>.</summary>
internal sealed class TrackRequest
{
    public List<TrackedEvent>? Events { get; set; }
}

/// <summary>One event from the browser; the server adds the visitor, session, time and session properties.</summary>
internal sealed class TrackedEvent
{
    public string? Name { get; set; }

    [JsonConverter(typeof(PostedPropertiesConverter))]
    public PostedProperties? Properties { get; set; }
}
