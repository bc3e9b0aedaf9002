using System.Text.Encodings.Web;
using System.Text.Json;
using NopSegments.Tracking;

namespace NopSegments.Data.Ingestion;

/// <summary>A store event ready for the events table: its profile resolved, properties as JSON.</summary>
internal readonly record struct EventRow(StoreEvent Event, long ProfileId, string PropertiesJson)
{
    // Stored JSON is data, never written into HTML unencoded, so "&" can stay "&".
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(StoreEvent e) => JsonSerializer.Serialize(e.Properties, Json);
}
