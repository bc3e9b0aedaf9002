using System.Data.Common;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Segments;
using NopSegments.Tracking;

namespace NopSegments.Data.Privacy;

/// <summary>
/// Enforces <c>privacy.retention_days</c>: events older than the window go in batches (one short transaction each, so the
/// writer is never held up for long), anonymous profiles left without an event go with their identities and segment
/// rows, and every profile that lost events is folded again from what remains, its segments re-checked.
/// </summary>
internal sealed class RetentionPurge(SegmentsDbContextFactory contexts, TimeProvider clock)
{
    private const int EventBatch = 5_000;
    private const int ProfileBatch = 500;

    public sealed record Result(int Events, int Profiles, int Refolded);

    public async Task<Result> RunAsync(int retentionDays, CancellationToken ct = default)
    {
        if (retentionDays <= 0)
            return new Result(0, 0, 0);
        var sql = SqlDialect.For(contexts.Provider);
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-retentionDays).UtcDateTime;
        var (events, touched) = await DeleteOldEventsAsync(sql, cutoff, ct);
        var gone = await DeleteEmptyAnonymousProfilesAsync(sql, cutoff, ct);
        touched.ExceptWith(gone);
        foreach (var chunk in touched.Chunk(ProfileBatch))
            await RefoldAsync(sql, chunk, now, ct);
        return new Result(events, gone.Count, touched.Count);
    }

    private async Task<(int Count, HashSet<long> Profiles)> DeleteOldEventsAsync(SqlDialect sql, DateTime cutoff, CancellationToken ct)
    {
        var (count, profiles) = (0, new HashSet<long>());
        // Per name: the events' key starts with the name, so each batch is one short index range on both providers.
        foreach (var name in EventCatalog.Events.Keys)
        {
            while (true)
            {
                await using var connection = sql.Open(contexts.ConnectionString);
                await using var tx = await connection.BeginTransactionAsync(ct);
                var deleted = await ReadIdsAsync(connection, tx,
                    "DELETE FROM nopsegments_events WHERE id IN (SELECT id FROM nopsegments_events WHERE name = @name AND occurred_at < @cutoff " +
                    $"LIMIT {EventBatch}) RETURNING profile_id", ct, ("@name", name), ("@cutoff", cutoff));
                await tx.CommitAsync(ct);
                count += deleted.Count;
                profiles.UnionWith(deleted);
                if (deleted.Count < EventBatch)
                    break;
            }
        }
        return (count, profiles);
    }

    private async Task<HashSet<long>> DeleteEmptyAnonymousProfilesAsync(SqlDialect sql, DateTime cutoff, CancellationToken ct)
    {
        var gone = new HashSet<long>();
        await using var connection = sql.Open(contexts.ConnectionString);
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var batch = await ReadIdsAsync(connection, tx,
                "SELECT p.id FROM nopsegments_profiles p WHERE p.customer_id IS NULL " +
                $"AND NOT EXISTS (SELECT 1 FROM nopsegments_events e WHERE e.profile_id = p.id) LIMIT {ProfileBatch}", ct);
            foreach (var table in new[] { "segment_members", "segment_checks", "segment_transitions", "identities", "flow_sends", "flow_entries", "profile_states" })
                await ExecuteAsync(sql, connection, tx, $"DELETE FROM nopsegments_{table} WHERE {sql.InList("profile_id", "@ids")}", batch, ct);
            await ExecuteAsync(sql, connection, tx, $"DELETE FROM nopsegments_profiles WHERE {sql.InList("id", "@ids")}", batch, ct);
            // What the window no longer covers of the module's own history goes too.
            if (batch.Count < ProfileBatch)
            {
                await ExecuteAsync(sql, connection, tx, "DELETE FROM nopsegments_profile_merges WHERE merged_at < @cutoff", null, ct, ("@cutoff", cutoff));
                await ExecuteAsync(sql, connection, tx, "DELETE FROM nopsegments_segment_transitions WHERE at < @cutoff", null, ct, ("@cutoff", cutoff));
                await ExecuteAsync(sql, connection, tx, "DELETE FROM nopsegments_dead_letters WHERE failed_at < @cutoff", null, ct, ("@cutoff", cutoff));
                await ExecuteAsync(sql, connection, tx, "DELETE FROM nopsegments_flow_sends WHERE sent_at < @cutoff", null, ct, ("@cutoff", cutoff));
                await ExecuteAsync(sql, connection, tx, "DELETE FROM nopsegments_flow_entries WHERE status <> 'active' AND entered_at < @cutoff", null, ct, ("@cutoff", cutoff));
            }
            await tx.CommitAsync(ct);
            gone.UnionWith(batch);
            if (batch.Count < ProfileBatch)
                return gone;
        }
    }

    private async Task RefoldAsync(SqlDialect sql, long[] profiles, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var segments = await LiveSegments.LoadAsync(connection, tx, ct);
        var queue = new StatementQueue(connection, tx);
        var rows = new List<ProfileRows.Row>(profiles.Length);
        var targets = new List<ProfileReevaluation.Target>(profiles.Length);
        foreach (var id in profiles)
        {
            var state = BatchFold.FoldAll(await StoredEventReader.ReadProfileAsync(connection, tx, id, null, ct));
            rows.Add(ProfileRows.Values(id, state, now.UtcDateTime));
            targets.Add(new ProfileReevaluation.Target(id, segments, SegmentTransition.ByTime, null, state));
        }
        await ProfileRows.SaveAsync(queue, sql, rows, ct);
        if (segments.Count > 0)
            await new ProfileReevaluation(queue, sql, now).RunAsync(targets, segments, ct);
        await queue.CommitAsync(ct);
    }

    private static async Task<List<long>> ReadIdsAsync(
        DbConnection connection, DbTransaction tx, string statement, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = statement;
        foreach (var (name, value) in parameters)
            command.AddParameter(name, value);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!reader.IsDBNull(0))
                ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static async Task ExecuteAsync(
        SqlDialect sql, DbConnection connection, DbTransaction tx, string statement, IReadOnlyCollection<long>? ids, CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = statement;
        if (ids is not null)
            sql.ListParameter(command, "@ids", ids);
        foreach (var (name, value) in parameters)
            command.AddParameter(name, value);
        await command.ExecuteNonQueryAsync(ct);
    }
}
