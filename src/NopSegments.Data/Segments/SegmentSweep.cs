using NopSegments.Data.Ingestion;

namespace NopSegments.Data.Segments;

/// <summary>
/// Re-checks only the (segment, profile) pairs whose time has come — a window passed, a relative time moved on —
/// never the whole membership. Each pair is rescheduled (or dropped) by its re-evaluation.
/// </summary>
internal sealed class SegmentSweep(SegmentsDbContextFactory contexts, TimeProvider clock)
{
    private const int MostPerRun = 5_000;

    /// <summary>Re-checks what is due; returns how many pairs were checked and how many transitions they made.</summary>
    public async Task<(int Checked, int Transitions)> RunAsync(CancellationToken ct = default)
    {
        var sql = SqlDialect.For(contexts.Provider);
        var now = clock.GetUtcNow();
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var due = new List<(long Segment, long Profile)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = $"SELECT segment_id, profile_id FROM nopsegments_segment_checks WHERE due_at <= @now ORDER BY due_at LIMIT {MostPerRun}";
            command.AddParameter("@now", now.UtcDateTime);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                due.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }
        if (due.Count == 0)
            return (0, 0);
        var segments = await LiveSegments.LoadAsync(connection, tx, ct);
        var queue = new StatementQueue(connection, tx);
        var evaluation = new ProfileReevaluation(queue, sql, now);
        var targets = due.GroupBy(d => d.Profile).Select(profile =>
        {
            var ids = profile.Select(d => d.Segment).ToHashSet();
            return new ProfileReevaluation.Target(profile.Key, [.. segments.Where(s => ids.Contains(s.Id))], SegmentTransition.ByTime, null);
        }).ToList();
        await evaluation.RunAsync(targets, segments, ct);
        // Whatever is still due was not rescheduled: its segment is gone or no longer changes with time.
        queue.Add("DELETE FROM nopsegments_segment_checks WHERE due_at <= @now", ("@now", now.UtcDateTime));
        await queue.CommitAsync(ct);
        return (due.Count, evaluation.Transitions);
    }
}
