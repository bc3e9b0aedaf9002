using System.Data.Common;
using NopSegments.Data.Ingestion;
using NopSegments.Tracking;

namespace NopSegments.Data.Segments;

/// <summary>
/// What evaluating a profile's segments reads from storage: its row's state and traits, its memberships, its scheduled
/// checks, and the events the segments count, in fold order (time, then recording).
/// </summary>
internal sealed record MembershipInputs(string State, string? Traits, HashSet<long> Members, Dictionary<long, DateTime?> Checks, List<StoreEvent> Events)
{
    /// <summary>The columns <see cref="StoredEventReader"/> reads an event from.</summary>
    public const string EventColumns = "event_id, name, visitor_id, customer_id, session_id, occurred_at, properties";

    public static MembershipInputs Empty() => new("", null, [], [], []);

    /// <summary>
    /// The statements that read the profiles whose id <paramref name="among"/> accepts (a condition on the given
    /// column), the events between @since and @now of the names in @names when <paramref name="withEvents"/>.
    /// </summary>
    public static string Queries(SqlDialect sql, Func<string, string> among, bool withState, bool withEvents)
    {
        var queries =
            (withState
                ? $"SELECT p.id, COALESCE(s.state, ''), p.traits FROM nopsegments_profiles p {ProfileDirectory.WithState} WHERE {among("p.id")}; "
                : $"SELECT id, '', traits FROM nopsegments_profiles WHERE {among("id")}; ") +
            $"SELECT profile_id, segment_id FROM nopsegments_segment_members WHERE {among("profile_id")}; " +
            $"SELECT profile_id, segment_id, due_at FROM nopsegments_segment_checks WHERE {among("profile_id")}";
        return !withEvents ? queries : queries + "; " + sql.PlannedOnce(
            $"SELECT profile_id, {EventColumns} FROM nopsegments_events " +
            $"WHERE {among("profile_id")} AND occurred_at <= @now AND occurred_at >= @since AND {sql.InList("name", "@names")} " +
            "ORDER BY profile_id, occurred_at, id");
    }

    /// <summary>Binds what <see cref="Queries"/> reads events by.</summary>
    public static void BindEvents(DbCommand command, SqlDialect sql, DateTime now, DateTime since, IReadOnlyCollection<string> names)
    {
        command.AddParameter("@now", now);
        command.AddParameter("@since", since);
        sql.ListParameter(command, "@names", names);
    }

    /// <summary>Reads the result sets of <see cref="Queries"/>, the reader on the first of them.</summary>
    public static async Task<Dictionary<long, MembershipInputs>> ReadAsync(DbDataReader reader, bool withEvents, CancellationToken ct)
    {
        var stored = new Dictionary<long, MembershipInputs>();
        while (await reader.ReadAsync(ct))
            stored[reader.GetInt64(0)] = new MembershipInputs(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), [], [], []);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            stored.GetValueOrDefault(reader.GetInt64(0))?.Members.Add(reader.GetInt64(1));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (stored.TryGetValue(reader.GetInt64(0), out var profile))
                profile.Checks[reader.GetInt64(1)] = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
        }
        if (withEvents && await reader.NextResultAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                stored.GetValueOrDefault(reader.GetInt64(0))?.Events.Add(StoredEventReader.Read(reader, 1));
        }
        return stored;
    }
}
