using NopSegments.Language;

namespace NopSegments.Data.Segments;

internal sealed partial class SavedSegments
{
    /// <summary>
    /// RFM scores rank every buyer against all the others, so any order anywhere (and every day that passes) can move
    /// them: RFM segments, and the segments that read them through in_segment, are re-materialized once their
    /// members are older than <paramref name="every"/>, in dependency order, logging who entered and left as
    /// time-driven under the segment's current version.
    /// </summary>
    public async Task<SegmentRescore> RescoreAsync(TimeSpan every, CancellationToken ct = default)
    {
        var saved = await ListAsync(ct);
        var now = clock.GetUtcNow();
        var slugs = saved.Select(s => s.Slug).ToList();
        var queries = saved.ToDictionary(s => s.Slug, s => SegmentQuery.Parse(s.Query, slugs), StringComparer.Ordinal);
        var due = saved.Where(s => queries[s.Slug].UsesRfm && now.UtcDateTime - s.MaterializedAt >= every).Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        while (saved.FirstOrDefault(s => !due.Contains(s.Slug) && queries[s.Slug].Segments.Overlaps(due)) is { } reader)
            due.Add(reader.Slug);

        var done = new HashSet<string>(StringComparer.Ordinal);
        var (entered, left) = (0, 0);
        // Saving refuses cycles, so each round has a segment whose rescored inputs are all done.
        while (saved.FirstOrDefault(s => due.Contains(s.Slug) && !done.Contains(s.Slug) && queries[s.Slug].Segments.All(r => !due.Contains(r) || done.Contains(r))) is { } segment)
        {
            var answer = await new SegmentMembership(contexts).EvaluateAsync(queries[segment.Slug], now, ct);
            await using var connection = sql.Open(contexts.ConnectionString);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection, tx, "UPDATE nopsegments_segments SET materialized_at = @now WHERE id = @id",
                [("@now", now.UtcDateTime), ("@id", segment.Id)], ct);
            var moved = await MaterializeAsync(connection, tx, segment.Id, segment.Version, answer, now, SegmentTransition.ByTime, ct);
            await tx.CommitAsync(ct);
            (entered, left) = (entered + moved.Entered, left + moved.Left);
            done.Add(segment.Slug);
        }
        return new SegmentRescore(done.Count, entered, left);
    }
}

/// <summary>What a rescoring run did: segments re-materialized, and profiles that entered and left them.</summary>
internal sealed record SegmentRescore(int Segments, int Entered, int Left);
