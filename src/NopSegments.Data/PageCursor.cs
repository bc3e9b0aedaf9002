using System.Globalization;

namespace NopSegments.Data;

/// <summary>
/// Where a newest-first list stopped: the last row's time and id. The next page starts below it, so a page deep in a
/// million rows costs what the first does. Written in links as "ticks.id".
/// </summary>
public readonly record struct PageCursor(DateTime At, long Id)
{
    public override string ToString() => $"{At.Ticks.ToString(CultureInfo.InvariantCulture)}.{Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The cursor a link carried, or null when there is none or it is not one of ours.</summary>
    public static PageCursor? Parse(string? text)
    {
        var parts = text?.Split('.');
        return parts is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? new PageCursor(new DateTime(t, DateTimeKind.Utc), i) : null;
    }
}
