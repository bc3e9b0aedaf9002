using System.Collections.Concurrent;
using System.Data.Common;
using NopSegments.Language;

namespace NopSegments.Data.Segments;

/// <summary>A saved segment ready to evaluate: its compiled query and the version it belongs to.</summary>
internal sealed record LiveSegment(long Id, string Slug, int Version, SegmentQuery Query)
{
    /// <summary>
    /// Whether an event of these names (null: unknown, any) can change this segment for its profile. RFM segments
    /// move with every other buyer too; they are re-materialized when edited and rescored by the sweep, not per event.
    /// </summary>
    public bool MovedBy(HashSet<string>? names)
    {
        if (Query.UsesRfm)
            return false;
        if (names is null || Query.AffectedBy is not { } affected)
            return true;
        // Not Overlaps(names): it enumerates its argument through an interface, an allocation per segment per event.
        foreach (var name in names)
        {
            if (affected.Contains(name))
                return true;
        }
        return false;
    }

    /// <summary>Whether an event of this name can change this segment for its profile.</summary>
    public bool MovedBy(string name) => !Query.UsesRfm && (Query.AffectedBy is not { } affected || affected.Contains(name));
}

/// <summary>The saved segments, compiled once per version, in dependency order (a segment after those it reads).</summary>
internal static class LiveSegments
{
    // Keyed by the text too: several databases (tests, a CLI beside a web host) share the process and their ids.
    private static readonly ConcurrentDictionary<(long, int, string), SegmentQuery> Compiled = new();

    // The list is read at most once a second per database: an edit reaches live evaluation within a second, and a
    // busy writer does not re-read 50 definitions for every batch.
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, (long ReadAt, IReadOnlyList<LiveSegment> Segments)> Recent = new(StringComparer.Ordinal);

    public static async Task<IReadOnlyList<LiveSegment>> LoadAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var key = connection.ConnectionString;
        if (Recent.TryGetValue(key, out var recent) && System.Diagnostics.Stopwatch.GetElapsedTime(recent.ReadAt) < Fresh)
            return recent.Segments;
        var segments = await ReadAsync(connection, tx, ct);
        Recent[key] = (System.Diagnostics.Stopwatch.GetTimestamp(), segments);
        return segments;
    }

    /// <summary>Forgets the cached list, so the next batch sees an edit at once (saving in this process calls it).</summary>
    public static void Forget(string connectionString) => Recent.TryRemove(connectionString, out _);

    private static async Task<IReadOnlyList<LiveSegment>> ReadAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
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
