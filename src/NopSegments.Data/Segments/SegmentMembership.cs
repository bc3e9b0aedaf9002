using System.Data.Common;
using System.Globalization;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Profiles;
using NopSegments.Language;

namespace NopSegments.Data.Segments;

/// <summary>
/// Who a query selects at an instant, with each profile's next time-driven change. SQL answers when it can — the
/// members in one statement (in_segment reading the other segments' stored members), the time-driven checks in one per
/// time-bound condition (<see cref="TimeChecks"/>); otherwise (interest, a relative "before", host traits compared with
/// a relative time, or events newer than the instant for an attribute not recomputed) every profile is folded and
/// evaluated. Saving and the RFM rescore use it.
/// </summary>
internal sealed class SegmentMembership(SegmentsDbContextFactory contexts)
{
    public sealed record Answer(Dictionary<long, string> Members, Dictionary<long, DateTimeOffset> NextChecks, Dictionary<long, string> Keys, bool UsesRfm);

    public async Task<Answer> EvaluateAsync(SegmentQuery query, DateTimeOffset now, CancellationToken ct)
    {
        var setBased = new SetBasedSegments(contexts);
        if (await WhyNotSetBasedAsync(query, now, ct) is null)
        {
            var members = await setBased.MemberIdsAsync(query, now, null, ct);
            var checks = new Dictionary<long, DateTimeOffset>();
            if (query.IsTimeBound)
            {
                var sql = SqlDialect.For(contexts.Provider);
                await using var connection = sql.Open(contexts.ConnectionString);
                checks = await new TimeChecks(sql, now).ComputeAsync(connection, query.Syntax, ct);
            }
            return new Answer(members, checks, members, query.UsesRfm);
        }
        return await FoldAsync(query, now, ct);
    }

    /// <summary>Every profile folded and evaluated: the answer for what SQL cannot say, and the reference SQL is held to.</summary>
    public async Task<Answer> FoldAsync(SegmentQuery query, DateTimeOffset now, CancellationToken ct)
    {
        var memberships = await MembershipsAsync(query.Segments, ct);
        var answer = new Answer([], [], [], query.UsesRfm);
        await foreach (var (id, snapshot) in new ProfileSnapshots(contexts).ReadWithIdsAsync(now, null, ct))
        {
            var profile = memberships.TryGetValue(id, out var slugs) ? snapshot with { Segments = slugs } : snapshot;
            answer.Keys[id] = profile.Key;
            if (query.Matches(profile))
                answer.Members[id] = profile.Key;
            if (query.IsTimeBound && query.NextChange(profile) is { } next)
                answer.NextChecks[id] = next;
        }
        return answer;
    }

    /// <summary>Null when SQL answers the members and the time-driven checks; otherwise why the profiles are folded.</summary>
    public Task<string?> WhyNotSetBasedAsync(SegmentQuery query, DateTimeOffset now, CancellationToken ct) =>
        TimeChecks.WhyNot(query.Syntax) is { } reason ? Task.FromResult<string?>(reason) : new SetBasedSegments(contexts).WhyNotAsync(query, now, ct);

    /// <summary>Profile id → the slugs, among <paramref name="slugs"/>, whose stored members it is.</summary>
    private async Task<Dictionary<long, HashSet<string>>> MembershipsAsync(IReadOnlySet<string> slugs, CancellationToken ct)
    {
        var byProfile = new Dictionary<long, HashSet<string>>();
        if (slugs.Count == 0)
            return byProfile;
        var sql = SqlDialect.For(contexts.Provider);
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT m.profile_id, s.slug FROM nopsegments_segment_members m JOIN nopsegments_segments s ON s.id = m.segment_id " +
            $"WHERE {sql.InList("s.slug", "@slugs")}";
        sql.ListParameter(command, "@slugs", slugs);
        await using DbDataReader reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            if (!byProfile.TryGetValue(id, out var set))
                byProfile[id] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(reader.GetString(1));
        }
        return byProfile;
    }

    public static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
