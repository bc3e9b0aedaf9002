using System.Data.Common;
using System.Globalization;
using NopSegments.Data.Ingestion;
using NopSegments.Language;
using NopSegments.Tracking;

namespace NopSegments.Data.Segments;

/// <summary>
/// Counts and lists a query's members with one SQL statement over all profiles (see <see cref="SegmentSql"/>).
/// It answers for the newest instant, and for earlier ones when the query reads events and the attributes that are
/// sums, counts and extremes of events (<see cref="AsOfProfiles"/>); <see cref="WhyNotAsync"/> says whether it can.
/// </summary>
internal sealed class SetBasedSegments(SegmentsDbContextFactory contexts)
{
    // RFM exactly as specified: 1 + floor(5 L / N), L = buyers strictly worse, ties share (RANK counts those before).
    private static readonly Dictionary<string, string> RfmOrder = new(StringComparer.Ordinal)
    {
        ["recency"] = "last_order_at", ["frequency"] = "orders_count", ["monetary"] = "total_spent",
    };

    // Only the scores the query reads are computed (each is a sort of every buyer), as columns of the one scan of the
    // profiles: buyers are ranked among themselves, everyone else has no score. Only the columns the query reads are
    // carried through the sorts (the fold state would make each row kilobytes wide).
    private static string Rfm(IEnumerable<string> scores, IEnumerable<string> columns, string profiles) =>
        $"WITH p AS (SELECT {string.Join(", ", columns.Prepend("customer_id").Prepend("id"))}, " +
        string.Join(", ", scores.Select(s =>
            $"CASE WHEN orders_count > 0 THEN 1 + (5 * (RANK() OVER (PARTITION BY orders_count > 0 ORDER BY {RfmOrder[s]}) - 1)) " +
            $"/ COUNT(*) OVER (PARTITION BY orders_count > 0) END AS rfm_score_{s}")) +
        $" FROM {profiles} rfm_in) ";

    private const string Key = "COALESCE(p.customer_id, (SELECT MIN(i.visitor_id) FROM nopsegments_identities i WHERE i.profile_id = p.id))";

    private readonly SqlDialect sql = SqlDialect.For(contexts.Provider);

    /// <summary>
    /// Null when one statement answers the query at <paramref name="now"/>; otherwise why not. A query of event
    /// conditions only answers at any instant (they read the events up to it); one that reads profile attributes reads
    /// the materialized columns when no stored event is later than <paramref name="now"/> (they are the attributes at
    /// the newest), and before that the attributes <see cref="AsOfProfiles"/> recomputes from the events up to then.
    /// </summary>
    public async Task<string?> WhyNotAsync(SegmentQuery query, DateTimeOffset now, CancellationToken ct = default)
    {
        var translation = new SegmentSql(sql, now);
        try
        {
            translation.Where(query.Syntax);
        }
        catch (SetBasedUnsupportedException ex)
        {
            return ex.Message;
        }
        // Only an attribute that is not recomputed needs to know whether the instant is the newest.
        return NotRecomputed(translation) is { } attribute && await HasLaterEventsAsync(now, ct)
            ? $"events after the as-of instant are stored, and {attribute} is not recomputed set-based at an earlier instant"
            : null;
    }

    /// <summary>An attribute the translated query reads that <see cref="AsOfProfiles"/> does not recompute, if any.</summary>
    private static string? NotRecomputed(SegmentSql translation) =>
        translation.ProfileColumns.FirstOrDefault(c => !AsOfProfiles.Columns.Contains(c));

    private async Task<bool> HasLaterEventsAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CASE WHEN ({NewestEvent}) > @now THEN 1 ELSE 0 END";
        command.AddParameter("@now", now.UtcDateTime);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 1;
    }

    // The newest event of each name: one probe at the end of each name's index range, with no parameter to plan for.
    // "name IN (…) AND occurred_at > @now LIMIT 1" got PostgreSQL's generic plan once run five times in a process, a
    // scan of the whole table when nothing is later (2.4 s on 10.6M events; PostgreSQL keys events by name first).
    private static readonly string NewestEvent = "SELECT MAX(newest) FROM (" + string.Join(" UNION ALL ",
        EventCatalog.Events.Keys.Order(StringComparer.Ordinal).Select(n => $"SELECT MAX(occurred_at) AS newest FROM nopsegments_events WHERE name = '{n}'")) +
        ") n";

    public async Task<long> CountAsync(SegmentQuery query, DateTimeOffset now, CancellationToken ct = default)
    {
        var past = await HasLaterEventsAsync(now, ct);
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var command = Command(connection, query, now, past, "COUNT(*)", "");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Members' keys (customer id, else first visitor id) in profile order.</summary>
    public async Task<List<string>> MembersAsync(SegmentQuery query, DateTimeOffset now, int? limit, CancellationToken ct = default) =>
        [.. (await MemberIdsAsync(query, now, limit, ct)).Values];

    /// <summary>Members by profile id, with their keys, in profile order.</summary>
    public async Task<Dictionary<long, string>> MemberIdsAsync(SegmentQuery query, DateTimeOffset now, int? limit, CancellationToken ct = default)
    {
        var past = await HasLaterEventsAsync(now, ct);
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var command = Command(connection, query, now, past, $"p.id, {Key}",
            " ORDER BY p.id" + (limit is { } n ? " LIMIT " + n.ToString(CultureInfo.InvariantCulture) : ""));
        var members = new Dictionary<long, string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            members[reader.GetInt64(0)] = reader.GetString(1);
        return members;
    }

    /// <summary>The keys of these profiles.</summary>
    public async Task<Dictionary<long, string>> KeysAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        await using var connection = sql.Open(contexts.ConnectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT p.id, {Key} FROM nopsegments_profiles p WHERE {sql.InList("p.id", "@ids")}";
        sql.ListParameter(command, "@ids", ids);
        var keys = new Dictionary<long, string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            keys[reader.GetInt64(0)] = reader.GetString(1);
        return keys;
    }

    /// <summary>
    /// The query as SQL pieces: <c>With</c> (RFM scores, or empty) before a statement, <c>From</c> the relation named
    /// <c>p</c>, <c>Where</c> the members' condition on it.
    /// </summary>
    private sealed record Translated(string With, string From, string Where, List<(string Name, object Value)> Parameters);

    private Translated Translate(SegmentQuery query, DateTimeOffset now, bool past)
    {
        var translation = new SegmentSql(sql, now);
        var where = translation.Where(query.Syntax);
        if (past && NotRecomputed(translation) is { } attribute)
            throw new InvalidOperationException($"{attribute} is not answered set-based before the newest stored event.");
        // Before the newest event, a profile exists if it has an event by then (as profile by profile); its attributes
        // are recomputed from the events up to then, unless the query reads none.
        var profiles = "nopsegments_profiles";
        if (past && (translation.ProfileColumns.Count > 0 || translation.UsesRfm))
            profiles = AsOfProfiles.Relation(sql);
        else if (past)
            where = $"{where} AND EXISTS (SELECT 1 FROM nopsegments_events x WHERE x.profile_id = p.id AND x.occurred_at <= @existed_by)";
        var parameters = translation.Parameters.ToList();
        if (past)
            parameters.Add(("@existed_by", now.UtcDateTime));
        return translation.UsesRfm
            ? new Translated(Rfm(translation.RfmScores, translation.ProfileColumns.Except(["id", "customer_id"]), profiles), "p", where, parameters)
            : new Translated("", profiles + " p", where, parameters);
    }

    private DbCommand Command(DbConnection connection, SegmentQuery query, DateTimeOffset now, bool past, string select, string tail) =>
        Command(connection, Translate(query, now, past), t => $"{t.With}SELECT {select} FROM {t.From} WHERE {t.Where}{tail}");

    private static DbCommand Command(DbConnection connection, Translated translated, Func<Translated, string> statement)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement(translated);
        foreach (var (name, value) in translated.Parameters)
            command.AddParameter(name, value);
        return command;
    }

    /// <summary>
    /// What the editor's live preview shows, in one SQL statement: the members' count and first keys, and against the
    /// saved segment <paramref name="segmentId"/> how many would enter and leave, with a few of each. The members are
    /// selected once (a materialized CTE); no member list reaches the web process.
    /// </summary>
    public async Task<SegmentPreview> PreviewAsync(SegmentQuery query, long? segmentId, DateTimeOffset now, int sample, CancellationToken ct)
    {
        var past = await HasLaterEventsAsync(now, ct);
        var translated = Translate(query, now, past);
        translated.Parameters.Add(("@segment", segmentId ?? -1));
        var limit = " ORDER BY id LIMIT " + sample.ToString(CultureInfo.InvariantCulture);
        var found = new Dictionary<string, List<long>>
        {
            ["count"] = [], ["entering"] = [], ["leaving"] = [], ["member"] = [], ["enter"] = [], ["leave"] = [],
        };
        await using var connection = sql.Open(contexts.ConnectionString);
        await using (var command = Command(connection, translated, t =>
            (t.With.Length > 0 ? t.With.TrimEnd() + ", " : "WITH ") +
            $"q AS MATERIALIZED (SELECT p.id FROM {t.From} WHERE {t.Where}), " +
            "s AS MATERIALIZED (SELECT m.profile_id AS id FROM nopsegments_segment_members m WHERE m.segment_id = @segment) " +
            "SELECT 'count', COUNT(*) FROM q " +
            "UNION ALL SELECT 'entering', COUNT(*) FROM q WHERE id NOT IN (SELECT id FROM s) " +
            "UNION ALL SELECT 'leaving', COUNT(*) FROM s WHERE id NOT IN (SELECT id FROM q) " +
            $"UNION ALL SELECT * FROM (SELECT 'member', id FROM q{limit}) a " +
            $"UNION ALL SELECT * FROM (SELECT 'enter', id FROM q WHERE id NOT IN (SELECT id FROM s){limit}) b " +
            $"UNION ALL SELECT * FROM (SELECT 'leave', id FROM s WHERE id NOT IN (SELECT id FROM q){limit}) c"))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                found[reader.GetString(0)].Add(reader.GetInt64(1));
        }
        var keys = await KeysAsync([.. found["member"].Concat(found["enter"]).Concat(found["leave"]).Distinct()], ct);
        List<string> Keys(string kind) => [.. found[kind].Select(id => keys.GetValueOrDefault(id, id.ToString(CultureInfo.InvariantCulture)))];
        int Count(string kind) => checked((int)found[kind].Single());
        return new SegmentPreview(Count("count"), Keys("member"), Count("entering"), Keys("enter"), Count("leaving"), Keys("leave"));
    }
}
