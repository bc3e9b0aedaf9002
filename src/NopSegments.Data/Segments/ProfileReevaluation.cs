using System.Data.Common;
using System.Globalization;
using System.Text.Json;
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
internal sealed class ProfileReevaluation(DbConnection connection, DbTransaction tx, SqlDialect sql, DateTimeOffset now)
{
    /// <summary>One profile to look at: the segments to evaluate and what caused it.</summary>
    public sealed record Target(long ProfileId, IReadOnlyList<LiveSegment> Segments, string Reason, Guid? EventId, ProfileState? State = null);

    public int Transitions { get; private set; }

    public async Task RunAsync(Target target, IReadOnlyList<LiveSegment> all, CancellationToken ct)
    {
        if (target.Segments.Count == 0 || await ProfileAsync(target.ProfileId, target.State is null, ct) is not { } stored)
            return;
        var state = target.State ?? JsonSerializer.Deserialize<ProfileState>(stored.State) ?? new ProfileState();
        var memberOf = await MembershipsAsync(target.ProfileId, ct);
        var checks = await ChecksAsync(target.ProfileId, ct);
        var slugOf = all.ToDictionary(s => s.Id, s => s.Slug);
        var memberSlugs = memberOf.Where(slugOf.ContainsKey).Select(id => slugOf[id]).ToHashSet(StringComparer.Ordinal);
        var counted = target.Segments.SelectMany(s => s.Query.CountedEvents).ToHashSet(StringComparer.Ordinal);
        var snapshot = new ProfileSnapshot(target.ProfileId.ToString(CultureInfo.InvariantCulture), now,
            new ProfileAccumulator(state).ToAttributes(Max(now, state.LastSeen)),
            counted.Count == 0 ? [] : await EventsAsync(target.ProfileId, counted, target.Segments.Min(s => s.Query.EarliestCountedAt(now)), ct))
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
                await ChangeAsync(segment, target, member, ct);
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
                    await RescheduleAsync(segment.Id, target.ProfileId, next, checks.ContainsKey(segment.Id), ct);
            }
        }
    }

    private async Task ChangeAsync(LiveSegment segment, Target target, bool entered, CancellationToken ct)
    {
        Transitions++;
        await ExecuteAsync(entered
            ? "INSERT INTO nopsegments_segment_members (segment_id, profile_id, since) VALUES (@s, @p, @at)"
            : "DELETE FROM nopsegments_segment_members WHERE segment_id = @s AND profile_id = @p", segment.Id, target.ProfileId, ct);
        await using var log = Command(
            "INSERT INTO nopsegments_segment_transitions (segment_id, profile_id, kind, at, reason, event_id, version) " +
            "VALUES (@s, @p, @kind, @at, @reason, @event, @version)", segment.Id, target.ProfileId);
        log.AddParameter("@kind", entered ? SegmentTransition.Entered : SegmentTransition.Left);
        log.AddParameter("@reason", target.Reason);
        log.AddParameter("@event", target.EventId is { } id ? sql.EventId(id) : DBNull.Value);
        log.AddParameter("@version", segment.Version);
        await log.ExecuteNonQueryAsync(ct);
    }

    private async Task RescheduleAsync(long segment, long profile, DateTime? due, bool scheduled, CancellationToken ct)
    {
        if (due is not { } at)
        {
            await ExecuteAsync("DELETE FROM nopsegments_segment_checks WHERE segment_id = @s AND profile_id = @p", segment, profile, ct);
            return;
        }
        await using var write = Command(scheduled
            ? "UPDATE nopsegments_segment_checks SET due_at = @due WHERE segment_id = @s AND profile_id = @p"
            : "INSERT INTO nopsegments_segment_checks (segment_id, profile_id, due_at) VALUES (@s, @p, @due)", segment, profile);
        write.AddParameter("@due", at);
        await write.ExecuteNonQueryAsync(ct);
    }

    private async Task<Dictionary<long, DateTime?>> ChecksAsync(long profile, CancellationToken ct)
    {
        await using var command = Command("SELECT segment_id, due_at FROM nopsegments_segment_checks WHERE profile_id = @p", 0, profile);
        var checks = new Dictionary<long, DateTime?>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            checks[reader.GetInt64(0)] = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
        return checks;
    }

    private async Task<(string State, string? Traits)?> ProfileAsync(long profile, bool withState, CancellationToken ct)
    {
        // The batch's fold already holds the state; the stored one (large for long histories) is read only when it does not.
        await using var command = Command($"SELECT {(withState ? "state" : "''")}, traits FROM nopsegments_profiles WHERE id = @p", 0, profile);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    private async Task<HashSet<long>> MembershipsAsync(long profile, CancellationToken ct)
    {
        await using var command = Command("SELECT segment_id FROM nopsegments_segment_members WHERE profile_id = @p", 0, profile);
        var ids = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>The profile's events of these names from <paramref name="since"/> on: all that the segments can count.</summary>
    private async Task<List<StoreEvent>> EventsAsync(long profile, IReadOnlyCollection<string> names, DateTimeOffset since, CancellationToken ct)
    {
        await using var command = Command(
            "SELECT event_id, name, visitor_id, customer_id, session_id, occurred_at, properties FROM nopsegments_events " +
            $"WHERE profile_id = @p AND occurred_at <= @now AND occurred_at >= @since AND {sql.InList("name", "@names")} ORDER BY occurred_at, id", 0, profile);
        command.AddParameter("@now", now.UtcDateTime);
        command.AddParameter("@since", since == DateTimeOffset.MinValue ? DateTime.MinValue : since.UtcDateTime);
        sql.ListParameter(command, "@names", names);
        var events = new List<StoreEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(StoredEventReader.Read(reader, 0));
        return events;
    }

    private async Task ExecuteAsync(string text, long segment, long profile, CancellationToken ct)
    {
        await using var command = Command(text, segment, profile);
        await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(string text, long segment, long profile)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = text;
        if (text.Contains("@s", StringComparison.Ordinal))
            command.AddParameter("@s", segment);
        command.AddParameter("@p", profile);
        if (text.Contains("@at", StringComparison.Ordinal))
            command.AddParameter("@at", now.UtcDateTime);
        return command;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b > a ? b.Value : a;
}
