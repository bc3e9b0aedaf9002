using System.Data.Common;
using System.Text.Json;
using NopSegments.Profiles;
using NopSegments.Tracking;

namespace NopSegments.Data.Ingestion;

/// <summary>
/// Writes a batch of events in one transaction: resolves each event's profile (stitching identities),
/// appends the events through the provider's bulk path, merges profiles, and folds the new events into
/// each profile's stored state. An event already stored (same id) is skipped, so a retry counts once.
/// </summary>
internal sealed class IngestionWriter(SegmentsDbContextFactory contexts, TimeProvider clock)
{
    private static readonly TimeSpan LateTolerance = TimeSpan.FromSeconds(5);

    // Resolved on first use so a host on a provider without an ingestion path still starts.
    private SqlDialect? dialect;

    private SqlDialect sql => dialect ??= SqlDialect.For(contexts.Provider);

    public async Task<IngestionResult> WriteAsync(IReadOnlyList<StoreEvent> events, CancellationToken ct = default)
    {
        var batch = events.DistinctBy(e => e.EventId).ToList();
        if (batch.Count == 0)
            return new IngestionResult(0, events.Count, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var directory = await ProfileDirectory.LoadAsync(connection, tx, sql,
            batch.Select(e => e.VisitorId).Distinct().ToList(),
            batch.Where(e => e.CustomerId is not null).Select(e => e.CustomerId!).Distinct().ToList(), ct);
        var resolver = new ProfileResolver(connection, tx, directory, now);
        var rows = new List<EventRow>(batch.Count);
        foreach (var e in batch)
            rows.Add(new EventRow(e, await resolver.ResolveAsync(e, ct)));

        // Events resolved before a merge later in the batch follow their profile into the customer's.
        var mergedInto = resolver.Merges.ToDictionary(m => m.From, m => m.Into);
        rows = [.. rows.Select(r => mergedInto.TryGetValue(r.ProfileId, out var into) ? r with { ProfileId = into } : r)];
        var inserted = await sql.InsertEventsAsync(connection, tx, rows, now, ct);
        await SaveIdentitiesAsync(connection, tx, resolver.IdentityChanges, now, ct);
        await ApplyMergesAsync(connection, tx, resolver.Merges, now, ct);

        var folded = await FoldAsync(connection, tx, directory, rows.Where(r => inserted.Contains(r.Event.EventId)).ToList(),
            resolver.Merges.Select(m => m.Into).ToHashSet(), ct);
        await ProfileRows.SaveAsync(connection, tx, sql, folded, now, ct);
        await tx.CommitAsync(ct);
        return new IngestionResult(inserted.Count, events.Count - inserted.Count, folded.Count, resolver.Merges.Count);
    }

    private static async Task<List<(long, ProfileState)>> FoldAsync(
        DbConnection connection, DbTransaction tx, ProfileDirectory directory, List<EventRow> stored,
        HashSet<long> mustRefold, CancellationToken ct)
    {
        var folded = new List<(long, ProfileState)>();
        foreach (var group in stored.GroupBy(r => r.ProfileId).Select(g => (Id: g.Key, Events: g.Select(r => r.Event).ToList()))
                     .Concat(mustRefold.Where(id => stored.All(r => r.ProfileId != id)).Select(id => (Id: id, Events: new List<StoreEvent>()))))
        {
            var state = JsonSerializer.Deserialize<ProfileState>(directory.StateOfProfile[group.Id]) ?? new ProfileState();
            var ordered = group.Events.OrderBy(e => e.OccurredAt).ToList();
            // The fold runs in time order. Events a moment late (concurrent requests reach the queue slightly out of
            // order) fold as they are; anything later — history arriving after live events — refolds from storage.
            if (mustRefold.Contains(group.Id) || (state.LastSeen is { } last && ordered.Count > 0 && ordered[0].OccurredAt < last - LateTolerance))
            {
                state = new ProfileState();
                ordered = await StoredEventReader.ReadProfileAsync(connection, tx, group.Id, null, ct);
            }
            var accumulator = new ProfileAccumulator(state);
            foreach (var e in ordered)
                accumulator.Apply(e);
            folded.Add((group.Id, accumulator.State));
        }
        return folded;
    }

    private Task SaveIdentitiesAsync(DbConnection connection, DbTransaction tx, IReadOnlyDictionary<string, long> changes, DateTime now, CancellationToken ct) =>
        sql.ExecuteForEachAsync(connection, tx,
            "INSERT INTO nopsegments_identities (visitor_id, profile_id, created_at) VALUES (@visitor, @profile, @now) " +
            "ON CONFLICT (visitor_id) DO UPDATE SET profile_id = excluded.profile_id",
            ["@visitor", "@profile", "@now"], changes.Select(c => new object?[] { c.Key, c.Value, now }), ct);

    private static async Task ApplyMergesAsync(DbConnection connection, DbTransaction tx, List<ProfileMergePlan> merges, DateTime now, CancellationToken ct)
    {
        foreach (var merge in merges)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText =
                "UPDATE nopsegments_events SET profile_id = @into WHERE profile_id = @from; " +
                "UPDATE nopsegments_identities SET profile_id = @into WHERE profile_id = @from; " +
                "DELETE FROM nopsegments_profiles WHERE id = @from; " +
                "INSERT INTO nopsegments_profile_merges (from_profile_id, into_profile_id, visitor_id, customer_id, merged_at) " +
                "VALUES (@from, @into, @visitor, @customer, @now)";
            command.AddParameter("@from", merge.From);
            command.AddParameter("@into", merge.Into);
            command.AddParameter("@visitor", merge.VisitorId);
            command.AddParameter("@customer", merge.CustomerId);
            command.AddParameter("@now", now);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
