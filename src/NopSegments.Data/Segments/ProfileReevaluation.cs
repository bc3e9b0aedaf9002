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
/// Re-evaluates saved segments for profiles inside the caller's transaction: builds each profile's snapshot at
/// <c>now</c> (its stored state, traits, memberships, and only the events the segments count), logs each entry or
/// exit with its reason, and reschedules the profile's next time-driven check. Its reads go in one round trip with
/// whatever the queue holds; its writes are queued for the caller's commit.
/// </summary>
internal sealed partial class ProfileReevaluation(StatementQueue queue, SqlDialect sql, DateTimeOffset now)
{
    /// <summary>One profile to look at: the segments to evaluate and what caused it.</summary>
    public sealed record Target(long ProfileId, IReadOnlyList<LiveSegment> Segments, string Reason, Guid? EventId, ProfileState? State = null);

    // Every profile of a batch is evaluated against the same live segments: their slugs by id are looked up once.
    private (IReadOnlyList<LiveSegment> Of, Dictionary<long, string> Slugs)? slugs;

    public int Transitions { get; private set; }

    /// <summary>The profiles that entered or left a segment.</summary>
    public HashSet<long> Moved { get; } = [];

    public Task RunAsync(IReadOnlyList<Target> all, IReadOnlyList<LiveSegment> segments, CancellationToken ct) =>
        RunAsync(all, segments, null, ct);

    /// <summary>
    /// Evaluates the targets; <paramref name="ahead"/>, when given, holds what was read of their profiles before the
    /// batch's events were stored (see <see cref="MembershipReadAhead"/>); profiles it does not cover are read now.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<Target> all, IReadOnlyList<LiveSegment> segments, MembershipReadAhead? ahead, CancellationToken ct)
    {
        var targets = all.Where(t => t.Segments.Count > 0).ToList();
        if (targets.Count == 0)
            return;
        // What the evaluated segments count, each segment once however many profiles it is evaluated for.
        var counted = CountedEvents.Of(targets.SelectMany(t => t.Segments).DistinctBy(s => s.Id), now);
        var stored = new Dictionary<long, MembershipInputs>();
        var unread = targets;
        if (ahead is not null && ahead.Counted.Covers(counted))
        {
            unread = [];
            foreach (var target in targets)
            {
                if (target.State is not null && ahead.Profiles.TryGetValue(target.ProfileId, out var profile))
                    stored[target.ProfileId] = profile;
                else
                    unread.Add(target);
            }
        }
        if (unread.Count > 0)
        {
            foreach (var (id, profile) in await ReadAsync(unread, unread.Any(t => t.State is null), counted, ct))
                stored[id] = profile;
        }
        foreach (var target in targets)
        {
            if (stored.TryGetValue(target.ProfileId, out var profile))
                Evaluate(target, profile, segments);
        }
    }

    private void Evaluate(Target target, MembershipInputs stored, IReadOnlyList<LiveSegment> all)
    {
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
    }

    private void Change(LiveSegment segment, Target target, bool entered)
    {
        Transitions++;
        Moved.Add(target.ProfileId);
        var at = now.UtcDateTime;
        if (entered)
            queue.Add("INSERT INTO nopsegments_segment_members (segment_id, profile_id, since) VALUES (@s, @p, @at)",
                ("@s", segment.Id), ("@p", target.ProfileId), ("@at", at));
        else
            queue.Add("DELETE FROM nopsegments_segment_members WHERE segment_id = @s AND profile_id = @p", ("@s", segment.Id), ("@p", target.ProfileId));
        queue.Add(
            "INSERT INTO nopsegments_segment_transitions (segment_id, profile_id, kind, at, reason, event_id, version) " +
            "VALUES (@s, @p, @kind, @at, @reason, @event, @version)",
            ("@s", segment.Id), ("@p", target.ProfileId), ("@kind", entered ? SegmentTransition.Entered : SegmentTransition.Left), ("@at", at),
            ("@reason", target.Reason), ("@event", target.EventId is { } id ? sql.EventId(id) : null), ("@version", segment.Version));
    }

    private void Reschedule(long segment, long profile, DateTime? due, bool scheduled)
    {
        if (due is not { } at)
            queue.Add("DELETE FROM nopsegments_segment_checks WHERE segment_id = @s AND profile_id = @p", ("@s", segment), ("@p", profile));
        else
            queue.Add(scheduled
                ? "UPDATE nopsegments_segment_checks SET due_at = @due WHERE segment_id = @s AND profile_id = @p"
                : "INSERT INTO nopsegments_segment_checks (segment_id, profile_id, due_at) VALUES (@s, @p, @due)",
                ("@s", segment), ("@p", profile), ("@due", at));
    }

    /// <summary>
    /// The profiles' rows, memberships, scheduled checks and the events <paramref name="counted"/> names (all that the
    /// segments can count). On a server, for all profiles in one round trip that also carries the queued writes: each
    /// round trip had cost as much as the evaluation.
    /// </summary>
    private async Task<Dictionary<long, MembershipInputs>> ReadAsync(List<Target> targets, bool withState, CountedEvents counted, CancellationToken ct)
    {
        // The batch's fold already holds the state; the stored one (large for long histories) is read only when it does not.
        if (queue.Connection is SqliteConnection sqlite)
        {
            await queue.FlushAsync(ct);
            return ReadPrepared(sqlite, targets, withState, counted.Names, counted.Since);
        }
        var ids = targets.Select(t => t.ProfileId).ToList();
        var withEvents = counted.Since is not null;
        // The same list for every column: one binding serves all the conditions.
        return await queue.ReadAsync(MembershipInputs.Queries(sql, column => sql.Keys(column, "@ids", ids).Condition, withState, withEvents), command =>
        {
            sql.Keys("id", "@ids", ids).Bind(command);
            if (counted.Since is { } since)
                MembershipInputs.BindEvents(command, sql, now.UtcDateTime, since, counted.Names);
        }, reader => MembershipInputs.ReadAsync(reader, withEvents, ct), ct);
    }

    private Dictionary<long, string> SlugsOf(IReadOnlyList<LiveSegment> all)
    {
        if (slugs is not { } known || !ReferenceEquals(known.Of, all))
            slugs = known = (all, all.ToDictionary(s => s.Id, s => s.Slug));
        return known.Slugs;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b > a ? b.Value : a;
}
