using System.Text.Json;
using NopSegments.Tracking;

namespace NopSegments.Data.Tracking;

/// <summary>A store event to and from the JSON a dead letter keeps: every field, the properties as plain values.</summary>
internal static class DeadLetterJson
{
    private sealed record Stored(
        Guid EventId, string Name, string VisitorId, string? CustomerId, string? SessionId, DateTimeOffset OccurredAt,
        Dictionary<string, JsonElement> Properties);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(StoreEvent e)
    {
        var properties = e.Properties.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, Options), StringComparer.Ordinal);
        return JsonSerializer.Serialize(new Stored(e.EventId, e.Name, e.VisitorId, e.CustomerId, e.SessionId, e.OccurredAt, properties), Options);
    }

    public static StoreEvent Read(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new JsonException("a dead letter holds no event");
        return new StoreEvent(stored.Name, stored.VisitorId, stored.OccurredAt)
        {
            EventId = stored.EventId,
            CustomerId = stored.CustomerId,
            SessionId = stored.SessionId,
            Properties = stored.Properties.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        };
    }

    private static object? Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
