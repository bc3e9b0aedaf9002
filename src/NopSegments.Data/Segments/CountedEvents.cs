namespace NopSegments.Data.Segments;

/// <summary>
/// What a set of segments counts of a profile's events at an instant: the event names, and the earliest time any
/// of them looks back to (<see cref="DateTime.MinValue"/> for all time; null when they count no events).
/// </summary>
internal sealed record CountedEvents(HashSet<string> Names, DateTime? Since)
{
    public static CountedEvents Of(IEnumerable<LiveSegment> segments, DateTimeOffset now)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? since = null;
        foreach (var segment in segments)
        {
            if (segment.Query.CountedEvents.Count == 0)
                continue;
            names.UnionWith(segment.Query.CountedEvents);
            var earliest = segment.Query.EarliestCountedAt(now);
            if (since is null || earliest < since)
                since = earliest;
        }
        return new CountedEvents(names, since is not { } at ? null : at == DateTimeOffset.MinValue ? DateTime.MinValue : at.UtcDateTime);
    }

    /// <summary>Whether a read of these events holds every event a read of <paramref name="other"/> would.</summary>
    public bool Covers(CountedEvents other) =>
        other.Since is not { } needed || (Since <= needed && Names.IsSupersetOf(other.Names));
}
