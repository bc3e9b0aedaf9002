using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Profiles;
using NopSegments.Language;
using NopSegments.Profiles;
using NopSegments.Tracking;

namespace NopSegments.Data.Segments;

/// <summary>
/// Re-evaluates saved segments for single profiles inside the caller's transaction: builds the profile's snapshot
/// at <c>now</c> (its stored state, traits, memberships, and only the events the segments count), logs each entry or
/// exit with its reason, and reschedules the profile's next time-driven check.
/// </summary>
internal sealed partial class ProfileReevaluation(DbConnection connection, DbTransaction tx, SqlDialect sql, DateTimeOffset now)
{
    /// <summary>One profile to look at: the segments to evaluate and what caused it.</summary>
    public sealed record Target(long ProfileId, IReadOnlyList<LiveSegment> Segments, string Reason, Guid? EventId, ProfileState? State = null);

    private readonly SegmentWrites writes = new(connection, tx);

    // Every profile of a batch is evaluated against the same live segments: their slugs by id are looked up once.
    private (IReadOnlyList<LiveSegment> Of, Dictionary<long, string> Slugs)? slugs;

    public int Transitions { get; private set; }

    public async Task RunAsync(Target target, IReadOnlyList<LiveSegment> all, CancellationToken ct)
    {
        if (target.Segments.Count == 0)
            return;
        var counted = target.Segments.SelectMany(s => s.Query.CountedEvents).ToHashSet(StringComparer.Ordinal);
        var since = counted.Count == 0 ? (DateTimeOffset?)null : target.Segments.Min(s => s.Query.EarliestCountedAt(now));
        if (await ReadAsync(target.ProfileId, target.State is null, counted, since, ct) is not { } stored)
            return;
        var state = target.State ?? JsonSerializer.Deserialize<ProfileState>(stored.State) ?? new ProfileState();
        var checks = stored.Checks;
        var slugOf = SlugsOf(all);
        var memberSlugs = stored.Members.Where(slugOf.ContainsKey).Select(id => slugOf[id]).ToHashSet(StringComparer.Ordinal);
        var snapshot = new ProfileSnapshot(target.ProfileId.ToString(CultureInfo.InvariantCulture), now,
            new ProfileAccumulator(state).ToAttributes(Max(now, state.LastSeen)), stored.Events)
        {
            Traits = ProfileTraits.AsValues(stored.Traits),
            Segments = memberSlugs,
        };
        // RFM scores need every buyer; those segments move when re-materialized, not one profile at a time.
        foreach (var segment in target.Segments.Where(s => !s.Query.UsesRfm))
        {
            // One snapshot for all segments; its membership set follows each change, so a later segment that reads
            // an earlier one through in_segment sees this event's outcome.
            var member = segment.Query.Matches(snapshot);
            if (member != memberSlugs.Contains(segment.Slug))
            {
                Change(segment, target, member);
                if (member)
                    memberSlugs.Add(segment.Slug);
                else
                    memberSlugs.Remove(segment.Slug);
            }
            if (segment.Query.IsTimeBound)
            {
                // Most events leave a profile's next check where it was: write only what moved.
                var next = segment.Query.NextChange(snapshot)?.UtcDateTime;
                if (next != checks.GetValueOrDefault(segment.Id))
                    Reschedule(segment.Id, target.ProfileId, next, checks.ContainsKey(segment.Id));
            }
        }
        await writes.FlushAsync(ct);
    }

    private void Change(LiveSegment segment, Target target, bool entered)
    {
        Transitions++;
        var at = now.UtcDateTime;
        if (entered)
            writes.Add("INSERT INTO nopsegments_segment_members (segment_id, profile_id, since) VALUES (@s, @p, @at)",
                ("@s", segment.Id), ("@p", target.ProfileId), ("@at", at));
        else
            writes.Add("DELETE FROM nopsegments_segment_members WHERE segment_id = @s AND profile_id = @p", ("@s", segment.Id), ("@p", target.ProfileId));
        writes.Add(
            "INSERT INTO nopsegments_segment_transitions (segment_id, profile_id, kind, at, reason, event_id, version) " +
            "VALUES (@s, @p, @kind, @at, @reason, @event, @version)",
            ("@s", segment.Id), ("@p", target.ProfileId), ("@kind", entered ? SegmentTransition.Entered : SegmentTransition.Left), ("@at", at),
            ("@reason", target.Reason), ("@event", target.EventId is { } id ? sql.EventId(id) : null), ("@version", segment.Version));
    }

    private void Reschedule(long segment, long profile, DateTime? due, bool scheduled)
    {
        if (due is not { } at)
            writes.Add("DELETE FROM nopsegments_segment_checks WHERE segment_id = @s AND profile_id = @p", ("@s", segment), ("@p", profile));
        else
            writes.Add(scheduled
                ? "UPDATE nopsegments_segment_checks SET due_at = @due WHERE segment_id = @s AND profile_id = @p"
                : "INSERT INTO nopsegments_segment_checks (segment_id, profile_id, due_at) VALUES (@s, @p, @due)",
                ("@s", segment), ("@p", profile), ("@due", at));
    }

    private sealed record StoredProfile(string State, string? Traits, HashSet<long> Members, Dictionary<long, DateTime?> Checks, List<StoreEvent> Events);

    /// <summary>
    /// The profile's row, memberships, scheduled checks and the events of <paramref name="names"/> from
    /// <paramref name="since"/> on (all that the segments can count), in one round trip: on PostgreSQL each
    /// statement's round trip cost as much as the evaluation.
    /// </summary>
    private async Task<StoredProfile?> ReadAsync(long profile, bool withState, IReadOnlyCollection<string> names, DateTimeOffset? since, CancellationToken ct)
    {
        // The batch's fold already holds the state; the stored one (large for long histories) is read only when it does not.
        List<string> statements =
        [
            $"SELECT {(withState ? "state" : "''")}, traits FROM nopsegments_profiles WHERE id = @p",
            "SELECT segment_id FROM nopsegments_segment_members WHERE profile_id = @p",
            "SELECT segment_id, due_at FROM nopsegments_segment_checks WHERE profile_id = @p",
        ];
        if (since is not null)
            statements.Add("SELECT event_id, name, visitor_id, customer_id, session_id, occurred_at, properties FROM nopsegments_events " +
                $"WHERE profile_id = @p AND occurred_at <= @now AND occurred_at >= @since AND {sql.InList("name", "@names")} ORDER BY occurred_at, id");
        var from = since is not { } at ? (DateTime?)null : at == DateTimeOffset.MinValue ? DateTime.MinValue : at.UtcDateTime;
        if (connection is SqliteConnection sqlite)
            return ReadPrepared(sqlite, statements, profile, names, from);
        await using var command = Command(string.Join("; ", statements), profile);
        if (from is { } earliest)
        {
            command.AddParameter("@now", now.UtcDateTime);
            command.AddParameter("@since", earliest);
            sql.ListParameter(command, "@names", names);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        var stored = new StoredProfile(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), [], [], []);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            stored.Members.Add(reader.GetInt64(0));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            stored.Checks[reader.GetInt64(0)] = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
        if (since is not null && await reader.NextResultAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                stored.Events.Add(StoredEventReader.Read(reader, 0));
        }
        return stored;
    }

    private DbCommand Command(string text, long profile)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = text;
        command.AddParameter("@p", profile);
        return command;
    }

    private Dictionary<long, string> SlugsOf(IReadOnlyList<LiveSegment> all)
    {
        if (slugs is not { } known || !ReferenceEquals(known.Of, all))
            slugs = known = (all, all.ToDictionary(s => s.Id, s => s.Slug));
        return known.Slugs;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b > a ? b.Value : a;
}
