using System.Collections.Concurrent;
using System.Data.Common;
using NopSegments.Language;

namespace NopSegments.Data.Segments;

/// <summary>A saved segment ready to evaluate: its compiled query and the version it belongs to.</summary>
internal sealed record LiveSegment(long Id, string Slug, int Version, SegmentQuery Query)
{
    /// <summary>
    /// Whether an event of these names (null: unknown, any) can change this segment for its profile. RFM segments
    /// move with every other buyer too; they are re-materialized when edited, not per event.
    /// </summary>
    public bool MovedBy(IReadOnlySet<string>? names) =>
        !Query.UsesRfm && (names is null || Query.AffectedBy is not { } affected || affected.Overlaps(names));
}

/// <summary>The saved segments, compiled once per version, in dependency order (a segment after those it reads).</summary>
internal static class LiveSegments
{
    // Keyed by the text too: several databases (tests, a CLI beside a web host) share the process and their ids.
    private static readonly ConcurrentDictionary<(long, int, string), SegmentQuery> Compiled = new();

    public static async Task<IReadOnlyList<LiveSegment>> LoadAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var rows = new List<(long Id, string Slug, int Version, string Query)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = "SELECT id, slug, version, query FROM nopsegments_segments";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }
        if (rows.Count == 0)
            return [];
        var slugs = rows.Select(r => r.Slug).ToList();
        var live = rows.Select(r => new LiveSegment(r.Id, r.Slug, r.Version, Compiled.GetOrAdd((r.Id, r.Version, r.Query), _ => SegmentQuery.Parse(r.Query, slugs)))).ToList();
        return InDependencyOrder(live);
    }

    private static List<LiveSegment> InDependencyOrder(List<LiveSegment> segments)
    {
        var bySlug = segments.ToDictionary(s => s.Slug, StringComparer.Ordinal);
        var ordered = new List<LiveSegment>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(LiveSegment segment)
        {
            if (!placed.Add(segment.Slug))
                return;
            foreach (var read in segment.Query.Segments)
            {
                if (bySlug.TryGetValue(read, out var dependency))
                    Place(dependency);
            }
            ordered.Add(segment);
        }
        segments.ForEach(Place);
        return ordered;
    }
}
