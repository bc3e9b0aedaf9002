using System.Text.Json;
using NopSegments.Tracking;

namespace NopSegments.Web.Tracking;

/// <summary>
/// An event's posted properties as the plain values the event validator checks (text, number, true/false,
/// null). A nested object or array, or text the database may not store, makes only its own event invalid, so it is kept
/// as an error, not thrown. The session's facts (source, UTM values, device, country) are the server's to set: a posted
/// one is left out and named in <see cref="Ignored"/>.
/// </summary>
internal sealed class PostedProperties
{
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public string? Error { get; set; }

    /// <summary>Posted names of session facts, which the server sets from the landing URL, browser and address.</summary>
    public List<string>? Ignored { get; private set; }

    public string? Text(string name) => Values.GetValueOrDefault(name) as string;

    /// <summary>Reads the properties object the reader is on (or its null) in one pass, without building a document.</summary>
    public static PostedProperties? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"\"properties\" must be an object, not {JsonTokenWords.Of(reader.TokenType)} (byte {reader.TokenStartIndex})");
        var properties = new PostedProperties();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (EventCatalog.CommonProperties.ContainsKey(name))
            {
                reader.Skip();
                (properties.Ignored ??= []).Add(name);
                continue;
            }
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    var text = reader.GetString()!;
                    if (StoredText.Refusal(text) is { } refusal)
                        properties.Error ??= $"property '{name}': {refusal}";
                    else
                        properties.Values[name] = text;
                    break;
                case JsonTokenType.Number when reader.TryGetDecimal(out var d):
                    properties.Values[name] = d;
                    break;
                case JsonTokenType.Number when reader.TryGetDouble(out var x) && double.IsFinite(x):
                    properties.Values[name] = x;
                    break;
                case JsonTokenType.Number:
                    properties.Error ??= $"property '{name}': the number is out of range";
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    properties.Values[name] = reader.GetBoolean();
                    break;
                case JsonTokenType.Null:
                    properties.Values[name] = null;
                    break;
                default:
                    reader.Skip();
                    properties.Error ??= $"property '{name}': nested objects and arrays are not allowed";
                    break;
            }
        }
        return properties;
    }
}
