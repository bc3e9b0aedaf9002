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
        var now = clock.GetUtcNow();
        var materializedAt = (await ListAsync(ct)).ToDictionary(s => s.Id, s => s.MaterializedAt);
        IReadOnlyList<LiveSegment> live;
        await using (var connection = sql.Open(contexts.ConnectionString))
            live = await LiveSegments.LoadAsync(connection, null, ct);

        var done = new HashSet<string>(StringComparer.Ordinal);
        var (entered, left) = (0, 0);
        // Live segments come in dependency order: a reader of a rescored segment is reached after it, and sees its new members.
        foreach (var segment in live)
        {
            var stale = segment.Query.UsesRfm && materializedAt.TryGetValue(segment.Id, out var at) && now.UtcDateTime - at >= every;
            if (!stale && !segment.Query.Segments.Overlaps(done))
                continue;
            var answer = await new SegmentMembership(contexts).EvaluateAsync(segment.Query, now, ct);
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
