using System.Data.Common;
using NopSegments.Data.Segments;
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
    private static readonly HashSet<string> ChangesOffers = new(StringComparer.Ordinal) { EventNames.OrderPlaced, EventNames.AddedToCart, EventNames.RemovedFromCart };

    // Resolved on first use so a host on a provider without an ingestion path still starts.
    private SqlDialect? dialect;

    /// <summary>A writer on a dialect of the caller's, its limits tuned (tests).</summary>
    internal IngestionWriter(SegmentsDbContextFactory contexts, TimeProvider clock, SqlDialect dialect)
        : this(contexts, clock) => this.dialect = dialect;

    private SqlDialect sql => dialect ??= SqlDialect.For(contexts.Provider);

    /// <summary>How long the last batch spent re-evaluating segment membership (the benchmark reads it).</summary>
    public TimeSpan LastMembershipTime { get; private set; }

    public Task<IngestionResult> WriteAsync(IReadOnlyList<StoreEvent> events, CancellationToken ct = default) =>
        WriteAsync(events, BatchCommit.Flushed, ct);

    public async Task<IngestionResult> WriteAsync(IReadOnlyList<StoreEvent> events, BatchCommit commit, CancellationToken ct = default)
    {
        var batch = events.DistinctBy(e => e.EventId).ToList();
        if (batch.Count == 0)
            return new IngestionResult(0, events.Count, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        // CPU work runs on the other core while this one talks to the database.
        var json = Task.Run(() => batch.Select(EventRow.Serialize).ToArray(), ct);
        await using var connection = OpenOrThrowUnavailable();
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Statements nothing reads back at once ride with the next read or the commit.
        var queue = new StatementQueue(connection, tx);
        sql.Configure(queue, commit);

        var visitors = batch.Select(e => e.VisitorId).Distinct().ToList();
        var customers = batch.Where(e => e.CustomerId is not null).Select(e => e.CustomerId!).Distinct().ToList();
        var segments = await LiveSegments.LoadAsync(connection, tx, ct);
        // On a server the segments' inputs ride with the directory, so membership needs no round trip of its own.
        var ahead = sql.ReadsMembershipAhead ? MembershipReadAhead.Plan(sql, segments, batch, clock.GetUtcNow()) : null;
        var directory = await ProfileDirectory.LoadAsync(queue, sql, visitors, customers, ahead, ct);
        var reserved = await sql.ReserveProfileIdsAsync(connection, tx, ProfileResolver.MostNewProfiles(directory, visitors, customers), ct);
        var resolver = new ProfileResolver(directory, reserved);
        var profileOf = batch.Select(resolver.Resolve).ToList();
        // Events resolved before a merge later in the batch follow their profile into the customer's.
        var mergedInto = resolver.Merges.ToDictionary(m => m.From, m => m.Into);
        var properties = await json;
        var rows = batch.Select((e, i) => new EventRow(e, mergedInto.GetValueOrDefault(profileOf[i], profileOf[i]), properties[i])).ToList();

        await SaveNewProfilesAsync(connection, tx, resolver, now, ct);
        var mustRefold = resolver.Merges.Select(m => m.Into).ToHashSet();
        var folding = Task.Run(() => BatchFold.Run(directory.StateOfProfile, rows, mustRefold).WithRows(now), ct);
        var inserted = await sql.InsertEventsAsync(connection, tx, rows, now, ct);
        await SaveIdentitiesAsync(connection, tx, resolver.IdentityChanges, now, ct);
        await ApplyMergesAsync(connection, tx, resolver.Merges, now, ct);

        var fold = await folding;
        var stored = inserted.Count == rows.Count ? rows : [.. rows.Where(r => inserted.Contains(r.Event.EventId))];
        if (inserted.Count < rows.Count)
            fold.Redo(directory.StateOfProfile, rows.Where(r => !inserted.Contains(r.Event.EventId)).Select(r => r.ProfileId).ToHashSet(), stored, mustRefold);
        foreach (var id in fold.FromStorage)
            fold.Folded[id] = BatchFold.FoldAll(await StoredEventReader.ReadProfileAsync(connection, tx, id, null, ct));
        // The profile rows ride with the membership reads when there are any, else with the commit, as do the membership writes.
        await ProfileRows.SaveAsync(queue, sql, fold.Rows(now), ct);
        var membership = System.Diagnostics.Stopwatch.GetTimestamp();
        var evaluatedAt = clock.GetUtcNow();
        ahead?.Complete(resolver.NewProfiles.Keys, stored, mustRefold, sql, evaluatedAt);
        var moved = await ReevaluateSegmentsAsync(queue, segments, ahead, fold.Folded, stored, mustRefold, evaluatedAt, ct);
        LastMembershipTime = System.Diagnostics.Stopwatch.GetElapsedTime(membership);
        await queue.CommitAsync(ct);
        sql.Committed(connection, contexts.ConnectionString);
        // A visitor whose segments or person changed: what the offers hold about them in memory is stale.
        moved.UnionWith(mustRefold);
        moved.UnionWith(resolver.Promotions.Keys);
        // An order may end a campaign for its person (stop after conversion); a cart change moves their cart's value.
        var changed = rows.Where(r => moved.Contains(r.ProfileId) || ChangesOffers.Contains(r.Event.Name)).Select(r => r.Event.VisitorId).ToHashSet(StringComparer.Ordinal);
        return new IngestionResult(inserted.Count, events.Count - inserted.Count, fold.Folded.Count, resolver.Merges.Count) { ChangedVisitors = changed };
    }

    /// <summary>
    /// True when a failed write says nothing about the events in it (the database was unreachable, busy or restarting):
    /// the caller tries the same batch again later instead of looking for an event to blame.
    /// </summary>
    public bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StoreUnavailableException or TimeoutException or IOException or System.Net.Sockets.SocketException || sql.IsTransient(e))
                return true;
        }
        return false;
    }

    private DbConnection OpenOrThrowUnavailable()
    {
        try
        {
            return sql.Open(contexts.ConnectionString);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            // A connection that cannot be opened (server down, connections refused or revoked) is never one event's fault.
            throw new StoreUnavailableException(ex);
        }
    }

    /// <summary>Each changed profile against the saved segments its new events can move, in the same transaction.</summary>
    private async Task<HashSet<long>> ReevaluateSegmentsAsync(
        StatementQueue queue, IReadOnlyList<LiveSegment> segments, MembershipReadAhead? ahead, Dictionary<long, ProfileState> folded,
        List<EventRow> stored, HashSet<long> merged, DateTimeOffset now, CancellationToken ct)
    {
        if (segments.Count == 0)
            return [];
        var newEvents = stored.GroupBy(r => r.ProfileId).ToDictionary(g => g.Key, g => g.Select(r => r.Event).ToList());
        var targets = new List<ProfileReevaluation.Target>(folded.Count);
        foreach (var (id, state) in folded)
        {
            var events = newEvents.GetValueOrDefault(id);
            // A merged profile gained a whole history: every segment may have moved.
            HashSet<string>? names = events is null || merged.Contains(id) ? null : events.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            var last = events?.MaxBy(e => e.OccurredAt)?.EventId;
            targets.Add(new ProfileReevaluation.Target(id, [.. segments.Where(s => s.MovedBy(names))], SegmentTransition.ByEvent, last, state));
        }
        var reevaluation = new ProfileReevaluation(queue, sql, now);
        await reevaluation.RunAsync(targets, segments, ahead, ct);
        return reevaluation.Moved;
    }

    private async Task SaveNewProfilesAsync(DbConnection connection, DbTransaction tx, ProfileResolver resolver, DateTime now, CancellationToken ct)
    {
        await sql.ExecuteForEachAsync(connection, tx,
            "INSERT INTO nopsegments_profiles (id, customer_id, created_at, updated_at, orders_count, total_spent, refunds_count, " +
            "discount_orders_count, sessions_count, page_views_count, cart_items_count, cart_value) " +
            "VALUES (@id, @customer, @now, @now, 0, 0, 0, 0, 0, 0, 0, 0)",
            ["@id", "@customer", "@now"],
            resolver.NewProfiles.Select(p => new object?[] { p.Key, p.Value, now }), ct);
        await sql.ExecuteForEachAsync(connection, tx, "INSERT INTO nopsegments_profile_states (profile_id, state) VALUES (@id, @state)",
            ["@id", "@state"], resolver.NewProfiles.Select(p => new object?[] { p.Key, ProfileResolver.EmptyState }), ct);
        await sql.ExecuteForEachAsync(connection, tx, "UPDATE nopsegments_profiles SET customer_id = @customer WHERE id = @id",
            ["@customer", "@id"], resolver.Promotions.Select(p => new object?[] { p.Value, p.Key }), ct);
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
                "DELETE FROM nopsegments_profile_states WHERE profile_id = @from; " +
                // The merged profile's segment history follows it; its memberships are the surviving profile's to earn.
                "UPDATE nopsegments_segment_transitions SET profile_id = @into WHERE profile_id = @from; " +
                "DELETE FROM nopsegments_segment_members WHERE profile_id = @from; " +
                "DELETE FROM nopsegments_segment_checks WHERE profile_id = @from; " +
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
