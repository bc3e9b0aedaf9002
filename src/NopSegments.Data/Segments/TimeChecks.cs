using System.Data.Common;
using System.Globalization;
using NopSegments.Data.Ingestion;
using NopSegments.Language;
using NopSegments.Language.Binding;
using NopSegments.Language.Syntax;

namespace NopSegments.Data.Segments;

/// <summary>
/// When, with no new event, each profile's answer to a time-bound query may next change — computed in SQL, not by
/// folding every profile. Each time-bound condition flips at a time the database knows: "N or more within D" stops
/// holding when the N-th newest matching event leaves the window (its time + D), and a relative attribute comparison
/// (<c>last_order_at &lt; -90d</c>) when the attribute's time passes the offset. A profile's check is the earliest flip
/// of any of its conditions: never later than the query's own change, sometimes earlier (the sweep then re-evaluates
/// that one profile and schedules its exact next change).
/// </summary>
internal sealed class TimeChecks(SqlDialect sql, DateTimeOffset now)
{
    /// <summary>One statement returning (profile id, instant) rows, and how far past that instant the flip is.</summary>
    private sealed record Flips(string Sql, IReadOnlyList<(string Name, object Value)> Parameters, TimeSpan After);

    /// <summary>Whether the checks of <paramref name="syntax"/> are computed here; otherwise why not.</summary>
    public static string? WhyNot(QueryNode syntax)
    {
        foreach (var node in SyntaxWalk.Nodes(syntax))
        {
            switch (node)
            {
                case EventNode e when e.Filters.Any(f => f is TimeFilter { Kind: TimeFilter.Before, Value.Kind: LiteralKind.Duration }):
                    return "a relative 'before' window grows with time and is scheduled profile by profile";
                case AttributeNode a when Offsets(a).Count > 0 && (AttributeCatalog.All[a.Attribute.Text].FromHost || a.Attribute.Text.StartsWith("rfm_", StringComparison.Ordinal)):
                    return $"{a.Attribute.Text} is not a stored column";
                case InterestNode:
                    return "interest(…) is computed per profile";
            }
        }
        return null;
    }

    /// <summary>Profile id → when to look at it again, for every profile whose answer time alone may change.</summary>
    public async Task<Dictionary<long, DateTimeOffset>> ComputeAsync(DbConnection connection, QueryNode syntax, CancellationToken ct)
    {
        var earliest = new Dictionary<long, DateTimeOffset>();
        foreach (var flips in SyntaxWalk.Nodes(syntax).SelectMany(Statements))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = flips.Sql;
            foreach (var (name, value) in flips.Parameters)
                command.AddParameter(name, value);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var at = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)) + flips.After;
                var id = reader.GetInt64(0);
                if (at > now && (!earliest.TryGetValue(id, out var known) || at < known))
                    earliest[id] = at;
            }
        }
        return earliest.ToDictionary(p => p.Key, p => SegmentQuery.CheckTimeFor(p.Value));
    }

    private IEnumerable<Flips> Statements(QueryNode node) => node switch
    {
        EventNode e when Window(e) is { } window => [EventFlips(e, window)],
        AttributeNode a => Offsets(a).Select(offset => AttributeFlips(a.Attribute.Text, offset)),
        _ => [],
    };

    /// <summary>
    /// How long an event stays counted: the narrowest of the node's relative windows (<c>within D</c>, <c>after -D</c>).
    /// An absolute bound does not move with time, so it never ends an event's stay.
    /// </summary>
    private static TimeSpan? Window(EventNode node) => node.Filters.Select(f => f switch
    {
        TimeFilter { Kind: TimeFilter.Within, Value.Value: TimeSpan within } => within,
        TimeFilter { Kind: TimeFilter.After, Value.Value: TimeSpan offset } => -offset,
        _ => (TimeSpan?)null,
    }).Min();

    // The count of matching events only falls as they age out; the answer flips when it crosses the comparison's
    // threshold: ">= N" when fewer than N remain (the N-th newest leaves), "= N" also when N + 1 become N.
    private Flips EventFlips(EventNode node, TimeSpan window)
    {
        var count = node.Count ?? 1;
        long[] ranks = (node.Operator ?? ">=") switch
        {
            ">=" or "<" => [count],
            ">" or "<=" => [count + 1],
            _ => [count, count + 1],
        };
        ranks = [.. ranks.Where(r => r > 0)];
        var translation = new SegmentSql(sql, now);
        var matching = translation.Matching(node);
        var text = ranks is [1]
            ? $"SELECT e.profile_id, MAX(e.occurred_at) FROM nopsegments_events e WHERE {matching} GROUP BY e.profile_id"
            : "SELECT profile_id, occurred_at FROM (SELECT e.profile_id, e.occurred_at, " +
              $"ROW_NUMBER() OVER (PARTITION BY e.profile_id ORDER BY e.occurred_at DESC) AS r FROM nopsegments_events e WHERE {matching}) ranked " +
              $"WHERE r IN ({string.Join(", ", ranks.Select(r => r.ToString(CultureInfo.InvariantCulture)))})";
        return new Flips(text, translation.Parameters, window);
    }

    // "attribute < now + offset" flips when now reaches attribute - offset, for those whose time is still ahead.
    private Flips AttributeFlips(string attribute, TimeSpan offset) =>
        new($"SELECT p.id, p.{attribute} FROM nopsegments_profiles p WHERE p.{attribute} > @bound", [("@bound", (now + offset).UtcDateTime)], -offset);

    private static List<TimeSpan> Offsets(AttributeNode node) =>
        [.. SyntaxWalk.Literals(node.Comparison).Select(l => l.Value).OfType<TimeSpan>()];
}
