using System.Globalization;

namespace NopSegments.Language.Syntax;

/// <summary>
/// Durations: <c>30m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>, signed (<c>-30d</c> is 30 days before now). Printed in the
/// largest whole unit up to days, which merchandisers read more easily than weeks.
/// </summary>
internal static class Durations
{
    public static TimeSpan Parse(string text, TextPosition position)
    {
        var unit = text[^1];
        if (!long.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount) || Math.Abs(amount) > 100_000)
            throw new SegmentQueryException($"'{text}' is not a duration this language can hold", position);
        return unit switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => TimeSpan.FromDays(7 * amount),
        };
    }

    public static string Print(TimeSpan duration)
    {
        var sign = duration < TimeSpan.Zero ? "-" : "";
        var d = duration.Duration();
        if (d.Ticks % TimeSpan.TicksPerDay == 0)
            return $"{sign}{d.Ticks / TimeSpan.TicksPerDay}d";
        if (d.Ticks % TimeSpan.TicksPerHour == 0)
            return $"{sign}{d.Ticks / TimeSpan.TicksPerHour}h";
        return $"{sign}{d.Ticks / TimeSpan.TicksPerMinute}m";
    }
}
