using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using NopSegments.Tracking;

namespace NopSegments.Data.Ingestion;

/// <summary>A store event ready for the events table: its profile resolved, properties as UTF-8 JSON.</summary>
internal readonly record struct EventRow(StoreEvent Event, long ProfileId, byte[] PropertiesJson)
{
    // Stored JSON is data, never written into HTML unencoded, so "&" can stay "&".
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions Writer = new() { Encoder = Json.Encoder };

    /// <summary>
    /// The longest value a property column keeps (valid text goes to 1,000 characters, more than an index entry
    /// holds); a longer one stays in the JSON only, and segments compare it there.
    /// </summary>
    public const int PropertyColumnLength = 200;

    /// <summary>
    /// The properties segments filter on most, each kept beside the JSON in a column of its own name: segments compare
    /// them there instead of parsing every event's JSON.
    /// </summary>
    public static readonly IReadOnlyList<string> PropertyColumns = ["category", "sku", "discount_code", "source"];

    /// <summary>The value of <see cref="PropertyColumns"/>[<paramref name="index"/>] as its column keeps it, or null.</summary>
    public string? Column(int index) =>
        ColumnKey(Event.Properties.TryGetValue(PropertyColumns[index], out var value) ? value as string : null);

    /// <summary>How a property column keeps and compares a value (lower-cased): null when it does not fit.</summary>
    public static string? ColumnKey(string? value) =>
        value is { Length: <= PropertyColumnLength } ? value.ToLowerInvariant() : null;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;

    /// <summary>
    /// The properties as the serializer writes them, but the kinds events carry (text and numbers) written directly:
    /// the serializer's per-value type dispatch was most of the JSON's cost on every stored event. A null is left out:
    /// the language reads a missing property and a null one alike, and the tracker's unset UTM fields were a sixth of
    /// every stored page view. UTF-8, as SQLite stores it and the read-ahead reads it: a string in between was made
    /// and turned back into UTF-8 for every event.
    /// </summary>
    public static byte[] Serialize(StoreEvent e)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(1024);
        output.ResetWrittenCount();
        var json = writer ??= new Utf8JsonWriter(output, Writer);
        json.Reset(output);
        json.WriteStartObject();
        foreach (var (name, value) in e.Properties)
        {
            if (value is null)
                continue;
            json.WritePropertyName(name);
            Write(json, value);
        }
        json.WriteEndObject();
        json.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case decimal m: json.WriteNumberValue(m); break;
            case double d: json.WriteNumberValue(d); break;
            case bool b: json.WriteBooleanValue(b); break;
            default: JsonSerializer.Serialize(json, value, value.GetType(), Json); break;
        }
    }
}
