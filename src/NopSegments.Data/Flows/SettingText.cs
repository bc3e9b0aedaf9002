using System.Globalization;
using System.Text.RegularExpressions;
using NopSegments.Language.Syntax;

namespace NopSegments.Data.Flows;

/// <summary>
/// The settings as text, with each key's default when it is not stored, and the readers of the value kinds the flows use;
/// each reader's error names the key and what to write.
/// </summary>
internal sealed partial class SettingText(IReadOnlyDictionary<string, string> values)
{
    public string this[string key] => Raw(key).Trim();

    /// <summary>The value as written, spaces and line breaks kept (templates).</summary>
    public string Raw(string key) => values.GetValueOrDefault(key) ?? Settings.DefaultSettings.All.GetValueOrDefault(key) ?? CustomDefault(key) ?? "";

    public bool Bool(string key) => this[key] switch
    {
        "true" => true,
        "false" => false,
        var other => throw new FlowSettingsException(key, $"'{other}' is not true or false"),
    };

    public TimeSpan Duration(string key) => Duration(key, this[key]);

    public static TimeSpan Duration(string key, string text)
    {
        if (!DurationText().IsMatch(text))
            throw new FlowSettingsException(key, $"'{text}' is not a duration: write a number and m, h, d or w, for example 30m or 24h");
        return Durations.Parse(text, default);
    }

    public IReadOnlyList<string> List(string key) => this[key].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public int Whole(string key, int from, int to) =>
        int.TryParse(this[key], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= from && value <= to ? value
        : throw new FlowSettingsException(key, $"'{this[key]}' is not a whole number from {from} to {to}");

    public decimal Percent(string key) =>
        decimal.TryParse(this[key], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 100 ? percent
        : throw new FlowSettingsException(key, $"'{this[key]}' is not a percentage from 1 to 100");

    public (TimeOnly From, TimeOnly To)? TimeRange(string key)
    {
        var text = this[key];
        if (text.Length == 0)
            return null;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) && from != to)
            return (from, to);
        throw new FlowSettingsException(key, $"'{text}' is not a time range: write it as 21:00-08:00, or leave it empty for none");
    }

    public TimeZoneInfo Zone(string key)
    {
        var id = this[key];
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Length == 0 ? "UTC" : id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FlowSettingsException(key, $"'{id}' is not a time zone: use an IANA name such as Europe/London");
        }
    }

    // A custom flow's key not written yet reads as a new custom flow's.
    private static string? CustomDefault(string key) =>
        key.Split('.') is ["flows", _, var field] ? Flows.FlowCatalog.CustomDefaults.GetValueOrDefault(field) : null;

    [GeneratedRegex("^[0-9]{1,6}[mhdw]$")]
    private static partial Regex DurationText();
}
