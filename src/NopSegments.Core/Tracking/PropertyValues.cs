using System.Globalization;
using System.Text.Json;

namespace NopSegments.Tracking;

/// <summary>Typed reads of event properties, whether they came from a host (CLR values) or from stored JSON.</summary>
public static class PropertyValues
{
    /// <summary>The property as text, or null when missing.</summary>
    public static string? Text(this StoreEvent e, string name) => e.Properties.GetValueOrDefault(name) switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } j => j.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement j => j.GetRawText(),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    /// <summary>The property as a number, or null when missing or not a number.</summary>
    public static decimal? Number(this StoreEvent e, string name) => e.Properties.GetValueOrDefault(name) switch
    {
        decimal d => d,
        int or long or short or byte => Convert.ToDecimal(e.Properties[name], CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => (decimal)d,
        float f when float.IsFinite(f) => (decimal)f,
        JsonElement { ValueKind: JsonValueKind.Number } j when j.TryGetDecimal(out var d) => d,
        _ => null,
    };
}
