using NopSegments.Language;

namespace NopSegments.Data.Segments;

/// <summary>Which saved segments read which through in_segment(…); a segment may not depend on itself.</summary>
internal static class SegmentGraph
{
    /// <summary>The slugs each saved segment's query reads.</summary>
    public static Dictionary<string, IReadOnlySet<string>> Of(IReadOnlyList<SavedSegment> saved)
    {
        var slugs = saved.Select(s => s.Slug).ToList();
        return saved.ToDictionary(s => s.Slug, s => SegmentQuery.Parse(s.Query, slugs).Segments, StringComparer.Ordinal);
    }

    /// <summary>A cycle through <paramref name="slug"/> if it read <paramref name="reads"/>, as "a → b → a"; null when none.</summary>
    public static string? CycleThrough(string slug, IReadOnlySet<string> reads, Dictionary<string, IReadOnlySet<string>> graph)
    {
        graph = new Dictionary<string, IReadOnlySet<string>>(graph, StringComparer.Ordinal) { [slug] = reads };
        var path = new List<string> { slug };
        return Visit(slug) ? string.Join(" → ", path) : null;

        bool Visit(string current)
        {
            foreach (var next in graph.GetValueOrDefault(current) ?? new HashSet<string>())
            {
                path.Add(next);
                if (next == slug || (path.Count <= graph.Count + 1 && Visit(next)))
                    return true;
                path.RemoveAt(path.Count - 1);
            }
            return false;
        }
    }
}
