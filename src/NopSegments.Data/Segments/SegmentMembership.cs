using System.Data.Common;
using System.Globalization;
using NopSegments.Data.Ingestion;
using NopSegments.Data.Profiles;
using NopSegments.Language;

namespace NopSegments.Data.Segments;

/// <summary>
/// Who a query selects at an instant, with each profile's next time-driven change. One SQL statement answers when it
/// can (no time windows to schedule, no in_segment, and no event newer than the instant unless it reads events only);
/// otherwise every profile is folded and evaluated, in_segment reading the other segments' stored members. Saving and
/// previewing both use it.
/// </summary>
internal sealed class SegmentMembership(SegmentsDbContextFactory contexts)
{
    public sealed record Answer(Dictionary<long, string> Members, Dictionary<long, DateTimeOffset> NextChecks, Dictionary<long, string> Keys, bool UsesRfm);

    public async Task<Answer> EvaluateAsync(SegmentQuery query, DateTimeOffset now, CancellationToken ct)
    {
        var setBased = new SetBasedSegments(contexts);
        if (!query.IsTimeBound && await setBased.WhyNotAsync(query, now, ct) is null)
        {
            var members = await setBased.MemberIdsAsync(query, now, null, ct);
            return new Answer(members, [], members, query.UsesRfm);
        }
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
