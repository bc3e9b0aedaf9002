using System.Text.Json;

namespace NopSegments.Web.Tracking;

/// <summary>Turns posted JSON values into the plain values the event validator checks.</summary>
internal static class BrowserEventValues
{
    public static (Dictionary<string, object?>? Values, string? Error) Read(Dictionary<string, JsonElement>? properties)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, element) in properties ?? [])
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    values[name] = element.GetString();
                    break;
                case JsonValueKind.Number:
                    values[name] = element.TryGetDecimal(out var d) ? d : element.GetDouble();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    values[name] = element.GetBoolean();
                    break;
                case JsonValueKind.Null:
                    values[name] = null;
                    break;
                default:
                    return (null, $"property '{name}': nested objects and arrays are not allowed");
            }
        }
        return (values, null);
    }
}
