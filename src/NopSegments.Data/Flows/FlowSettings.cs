using System.Globalization;
using System.Text.RegularExpressions;
using NopSegments.Language.Syntax;

namespace NopSegments.Data.Flows;

/// <summary>
/// The flows' settings as the merchandiser wrote them under stable keys (<c>flows.*</c> in the settings table), read into
/// values; a value that does not read is an error naming its key, so the admin can say what to fix.
/// </summary>
internal sealed partial record FlowSettings(
    bool AbandonedCartEnabled, IReadOnlyList<TimeSpan> AbandonedCartDelays, TimeSpan Reentry,
    (TimeOnly From, TimeOnly To)? QuietHours, TimeZoneInfo TimeZone, TimeSpan FrequencyCap)
{
    /// <summary>The step (1, 2, …) whose email carries a single-use discount code, or null for none.</summary>
    public int? DiscountStep { get; init; }

    public decimal DiscountPercent { get; init; } = 10;

    /// <summary>How long an issued code works.</summary>
    public TimeSpan DiscountValid { get; init; } = TimeSpan.FromDays(7);

    public static readonly TimeSpan ShortestStep = TimeSpan.FromMinutes(1);

    public static FlowSettings Read(IReadOnlyDictionary<string, string> values)
    {
        string Value(string key) => values.GetValueOrDefault(key, Settings.DefaultSettings.All.GetValueOrDefault(key, "")).Trim();
        var delays = Value("flows.abandoned_cart.delays").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Duration("flows.abandoned_cart.delays", d)).ToList();
        if (delays.Count == 0)
            throw new FlowSettingsException("flows.abandoned_cart.delays", "name at least one step, for example 1h,24h,72h");
        if (delays.Any(d => d < ShortestStep))
            throw new FlowSettingsException("flows.abandoned_cart.delays", "the shortest step is 1m");
        if (delays.Zip(delays.Skip(1)).Any(p => p.Second <= p.First))
            throw new FlowSettingsException("flows.abandoned_cart.delays", "each step must come after the one before, for example 1h,24h,72h");
        return new FlowSettings(
            Value("flows.abandoned_cart.enabled") switch
            {
                "true" => true,
                "false" => false,
                var other => throw new FlowSettingsException("flows.abandoned_cart.enabled", $"'{other}' is not true or false"),
            },
            delays,
            Duration("flows.abandoned_cart.reentry", Value("flows.abandoned_cart.reentry")),
            Quiet(Value("flows.quiet_hours")),
            Zone(Value("flows.time_zone")),
            Value("flows.frequency_cap") is "" or "0" ? TimeSpan.Zero : Duration("flows.frequency_cap", Value("flows.frequency_cap")))
        {
            DiscountStep = Value("flows.abandoned_cart.discount_step") is { Length: > 0 } step ? Step(step, delays.Count) : null,
            DiscountPercent = Percent(Value("flows.abandoned_cart.discount_percent")),
            DiscountValid = Duration("flows.abandoned_cart.discount_valid", Value("flows.abandoned_cart.discount_valid")),
        };
    }

    private static int Step(string text, int steps) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step >= 1 && step <= steps ? step
        : throw new FlowSettingsException("flows.abandoned_cart.discount_step", $"'{text}' is not one of the flow's steps: write a number from 1 to {steps}, or leave it empty for no code");

    private static decimal Percent(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 100 ? percent
        : throw new FlowSettingsException("flows.abandoned_cart.discount_percent", $"'{text}' is not a percentage from 1 to 100");

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

    private static TimeSpan Duration(string key, string text)
    {
        if (!DurationText().IsMatch(text))
            throw new FlowSettingsException(key, $"'{text}' is not a duration: write a number and m, h, d or w, for example 30m or 24h");
        return Durations.Parse(text, default);
    }

    private static (TimeOnly, TimeOnly)? Quiet(string text)
    {
        if (text.Length == 0)
            return null;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) && from != to)
            return (from, to);
        throw new FlowSettingsException("flows.quiet_hours", $"'{text}' is not a time range: write it as 21:00-08:00, or leave it empty for none");
    }

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Length == 0 ? "UTC" : id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FlowSettingsException("flows.time_zone", $"'{id}' is not a time zone: use an IANA name such as Europe/London");
        }
    }

    [GeneratedRegex("^[0-9]{1,6}[mhdw]$")]
    private static partial Regex DurationText();
}

/// <summary>A flow setting that does not read, with its key.</summary>
internal sealed class FlowSettingsException(string key, string problem) : Exception($"{key}: {problem}")
{
    public string Key { get; } = key;
}
