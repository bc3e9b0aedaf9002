using System.Text.Json;

namespace NopSegments.Web.Admin;

/// <summary>An event's stored JSON as name/value pairs a person reads; empty values are left out.</summary>
internal static class EventProperties
{
    public static IEnumerable<(string Name, string Value)> Readable(string json)
    {
        using var document = JsonDocument.Parse(json);
        var pairs = new List<(string, string)>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                continue;
            pairs.Add((property.Name, property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()! : property.Value.GetRawText()));
        }
        return pairs;
    }
}
