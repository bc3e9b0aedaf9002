using System.Text.Json;

namespace NopSegments.Web.Tracking;

/// <summary>One event from the browser; the server adds the visitor, session, time and session properties.</summary>
internal sealed class TrackedEvent
{
    public string? Name { get; set; }

    public PostedProperties? Properties { get; set; }
}

/// <summary>
/// Reads what the browser tracker posts, <c>{"events":[{"name":"page_viewed","properties":{...}}]}</c>, in one pass over
/// the body. The serializer's generated code took ~2.4 µs of CPU for a 150-byte page view, the largest part of the
/// endpoint's own cost; this reads the same shape in about half. Member names match without regard to case, unknown
/// members are skipped, and a body that is not JSON of this shape throws <see cref="JsonException"/> saying why.
/// </summary>
internal static class TrackRequest
{
    /// <summary>The posted events, or null when the body names none.</summary>
    public static List<TrackedEvent>? ReadEvents(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read())
            throw new JsonException("the body is empty");
        List<TrackedEvent>? events = null;
        if (reader.TokenType != JsonTokenType.Null)
        {
            Expect(ref reader, JsonTokenType.StartObject, "the body");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = Member(ref reader);
                reader.Read();
                if (member == "events")
                    events = Events(ref reader);
                else
                    reader.Skip();
            }
        }
        // Reading past the body's one value makes the reader reject anything after it, as the serializer does.
        _ = reader.Read();
        return events;
    }

    private static List<TrackedEvent>? Events(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        Expect(ref reader, JsonTokenType.StartArray, "\"events\"");
        var events = new List<TrackedEvent>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            events.Add(Event(ref reader));
        return events;
    }

    // A null in the list is an event without a name: rejected on its own, like any other bad event.
    private static TrackedEvent Event(ref Utf8JsonReader reader)
    {
        var posted = new TrackedEvent();
        if (reader.TokenType == JsonTokenType.Null)
            return posted;
        Expect(ref reader, JsonTokenType.StartObject, "each event");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = Member(ref reader);
            reader.Read();
            if (member == "name")
            {
                posted.Name = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new JsonException($"an event's \"name\" must be text, not {JsonTokenWords.Of(reader.TokenType)} (byte {reader.TokenStartIndex})"),
                };
            }
            else if (member == "properties")
            {
                posted.Properties = PostedProperties.Read(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        return posted;
    }

    // The tracker sends these names exactly; only another client's spelling costs a string.
    private static string? Member(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("events"u8))
            return "events";
        if (reader.ValueTextEquals("name"u8))
            return "name";
        if (reader.ValueTextEquals("properties"u8))
            return "properties";
        return reader.GetString()!.ToUpperInvariant() switch
        {
            "EVENTS" => "events",
            "NAME" => "name",
            "PROPERTIES" => "properties",
            _ => null,
        };
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
            throw new JsonException($"{what} must be {JsonTokenWords.Of(token)}, not {JsonTokenWords.Of(reader.TokenType)} (byte {reader.TokenStartIndex})");
    }
}
