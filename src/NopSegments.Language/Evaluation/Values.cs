using System.Collections;
using System.Globalization;
using System.Text.Json;
using NopSegments.Language.Binding;
using NopSegments.Language.Syntax;

namespace NopSegments.Language.Evaluation;

/// <summary>
/// Reads a stored value (a CLR value from a host, or JSON from the database) as the language's type;
/// null when it is missing or not of that type, so every comparison with it is false.
/// </summary>
internal static class Values
{
    public static object? As(QueryType type, object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        _ => type switch
        {
            QueryType.Text => Text(value),
            QueryType.WholeNumber or QueryType.Number => Number(value),
            QueryType.Bool => Bool(value),
            QueryType.Time => Time(value),
            _ => List(value),
        },
    };

    public static string Format(object? value) => value switch
    {
        null => "missing",
        string text => $"\"{text}\"",
        decimal number => number.ToString("G29", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => Times.Print(time),
        IReadOnlyList<string> list => $"[{string.Join(", ", list.Select(s => $"\"{s}\""))}]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "missing",
    };

    private static string? Text(object value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } j => j.GetString(),
        JsonElement j => j.GetRawText(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static decimal? Number(object value) => value switch
    {
        decimal d => d,
        int or long or short or byte => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => (decimal)d,
        JsonElement { ValueKind: JsonValueKind.Number } j when j.TryGetDecimal(out var d) => d,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static bool? Bool(object value) => value switch
    {
        bool b => b,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        string s when bool.TryParse(s, out var b) => b,
        _ => null,
    };

    private static DateTimeOffset? Time(object value) => value switch
    {
        DateTimeOffset t => t,
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        _ => null,
    };

    private static List<string>? List(object value) => value switch
    {
        string s => [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        JsonElement { ValueKind: JsonValueKind.Array } j => [.. j.EnumerateArray().Select(e => e.ToString())],
        IEnumerable items => [.. items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "")],
        _ => null,
    };
}
