namespace NopSegments.Data.Flows;

/// <summary>
/// The flows' settings as the merchandiser wrote them under stable keys (<c>flows.*</c> in the settings table), read into
/// values: the rules every flow shares (quiet hours, time zone, frequency cap) and each flow. A value that does not read
/// is an error naming its key, so the admin can say what to fix.
/// </summary>
internal sealed record FlowSettings((TimeOnly From, TimeOnly To)? QuietHours, TimeZoneInfo TimeZone, TimeSpan FrequencyCap, IReadOnlyList<FlowDefinition> Flows)
{
    public static readonly TimeSpan ShortestStep = TimeSpan.FromMinutes(1);

    /// <summary>How long after a click (or a send) an order is credited to the flow.</summary>
    public TimeSpan ConversionWindow { get; init; } = TimeSpan.FromDays(5);

    public FlowDefinition this[string key] => Flows.Single(f => f.Key == key);

    /// <summary>
    /// Reads every flow; <paramref name="segmentSlugs"/> are the saved segments a trigger or an <c>in_segment</c> may name
    /// (a flow naming one that is gone does not read, and the flows pause with the reason).
    /// </summary>
    public static FlowSettings Read(IReadOnlyDictionary<string, string> values, IReadOnlyCollection<string> segmentSlugs)
    {
        var text = new SettingText(values);
        var cap = text["flows.frequency_cap"];
        return new FlowSettings(
            text.TimeRange("flows.quiet_hours"), text.Zone("flows.time_zone"), cap is "" or "0" ? TimeSpan.Zero : text.Duration("flows.frequency_cap"),
            [.. FlowCatalog.BuiltIns.Select(b => FlowReader.Read(text, b.Key, b.Name, segmentSlugs)),
                .. CustomKeys(text).Select(key => FlowReader.Read(text, key, null, segmentSlugs))])
        {
            ConversionWindow = text.Duration("flows.conversion_window"),
        };
    }

    /// <summary>The custom flows' keys, in the order the merchandiser made them.</summary>
    public static IReadOnlyList<string> CustomKeys(IReadOnlyDictionary<string, string> values) => CustomKeys(new SettingText(values));

    private static List<string> CustomKeys(SettingText text)
    {
        var keys = text[FlowCatalog.CustomKey].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var key in keys)
        {
            if (!FlowKeys.IsValid(key) || FlowCatalog.Find(key) is not null)
                throw new FlowSettingsException(FlowCatalog.CustomKey, $"'{key}' is not a custom flow's key: use lower-case letters, digits and _, not a built-in flow's key");
        }
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>When a step due at <paramref name="due"/> may go: at once, or when the quiet hours around it end.</summary>
    public DateTimeOffset OutsideQuietHours(DateTimeOffset due)
    {
        if (QuietHours is not { } quiet)
            return due;
        var local = TimeZoneInfo.ConvertTime(due, TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inside = quiet.From <= quiet.To ? time >= quiet.From && time < quiet.To : time >= quiet.From || time < quiet.To;
        if (!inside)
            return due;
        var end = local.Date + quiet.To.ToTimeSpan();
        if (end <= local.DateTime)
            end = end.AddDays(1);
        return new DateTimeOffset(end, TimeZone.GetUtcOffset(end));
    }
}

/// <summary>A flow setting that does not read, with its key.</summary>
internal sealed class FlowSettingsException(string key, string problem) : Exception($"{key}: {problem}")
{
    public string Key { get; } = key;
}
