using System.Globalization;
using NopSegments.Data.Ingestion;
using NopSegments.Language.Binding;
using NopSegments.Language.Syntax;
using NopSegments.Tracking;

namespace NopSegments.Data.Segments;

/// <summary>
/// Translates a checked query into one set-based WHERE clause over <c>nopsegments_profiles p</c> (materialized
/// attribute columns) with event predicates as grouped subqueries on <c>nopsegments_events</c>, which the
/// (name, occurred_at) index serves. The columns are the attributes at <c>now</c> while no stored event is later;
/// the event predicates read only events up to <c>now</c>, so they hold at any instant. Every comparison is written so
/// a missing value makes it false, even under NOT.
/// </summary>
internal sealed class SegmentSql(SqlDialect sql, DateTimeOffset now)
{
    private readonly List<(string Name, object Value)> parameters = [];

    public IReadOnlyList<(string Name, object Value)> Parameters => parameters;

    /// <summary>The RFM scores the query reads (recency, frequency, monetary); each costs a sort of the buyers.</summary>
    public HashSet<string> RfmScores { get; } = new(StringComparer.Ordinal);

    public bool UsesRfm => RfmScores.Count > 0;

    /// <summary>The profile columns the WHERE clause reads, besides id and customer_id.</summary>
    public HashSet<string> ProfileColumns { get; } = new(StringComparer.Ordinal);

    public string Where(QueryNode node) => node switch
    {
        OrNode or => "(" + string.Join(" OR ", or.Terms.Select(Where)) + ")",
        AndNode and => "(" + string.Join(" AND ", and.Terms.Select(Where)) + ")",
        NotNode not => $"(NOT {Where(not.Operand)})",
        AttributeNode attribute => Compare(Column(attribute.Attribute.Text), AttributeCatalog.All[attribute.Attribute.Text].Type, attribute.Comparison),
        EventNode e => Event(e),
        // A saved segment's stored members are what in_segment reads, profile by profile too.
        InSegmentNode segment => "p.id IN (SELECT m.profile_id FROM nopsegments_segment_members m JOIN nopsegments_segments s ON s.id = m.segment_id " +
            $"WHERE s.slug = {Parameter(segment.Slug.Value)})",
        InterestNode => throw new SetBasedUnsupportedException("interest(…) is computed per profile"),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private string Column(string attribute)
    {
        var definition = AttributeCatalog.All[attribute];
        if (attribute.StartsWith("rfm_", StringComparison.Ordinal))
        {
            RfmScores.Add(attribute["rfm_".Length..]);
            return "p.rfm_score_" + attribute["rfm_".Length..];
        }
        if (definition.FromHost)
        {
            ProfileColumns.Add("traits");
            return definition.Type switch
            {
                QueryType.TextList => throw new SetBasedUnsupportedException($"{attribute} is a list"),
                QueryType.WholeNumber or QueryType.Number => $"CAST({sql.JsonText("p.traits", attribute)} AS NUMERIC)",
                QueryType.Bool => $"(CASE lower({sql.JsonText("p.traits", attribute)}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)",
                _ => sql.JsonText("p.traits", attribute),
            };
        }
        ProfileColumns.Add(attribute);
        if (attribute != "country")
            return "p." + attribute;
        ProfileColumns.Add("traits");
        return $"COALESCE(p.country, {sql.JsonText("p.traits", "country")})";
    }

    /// <summary>The conditions on <c>nopsegments_events e</c> of the events <paramref name="node"/> counts at <c>now</c>.</summary>
    public string Matching(EventNode node)
    {
        var filters = new List<string> { $"e.name = {Parameter(node.Event.Text)}", $"e.occurred_at <= {Parameter(now.UtcDateTime)}", "e.profile_id IS NOT NULL" };
        foreach (var filter in node.Filters)
            filters.Add(Filter(node.Event.Text, filter));
        return string.Join(" AND ", filters);
    }

    private string Event(EventNode node)
    {
        var op = node.Operator ?? ">=";
        var count = node.Count ?? 1;
        var having = $"COUNT(*) {op} {count.ToString(CultureInfo.InvariantCulture)}";
        var matching = $"SELECT e.profile_id FROM nopsegments_events e WHERE {Matching(node)}";
        // A profile without a matching event counts 0: when 0 passes, the members are everyone except those it excludes.
        if (!ComparisonBinder.Compare(op, 0, count))
            return count == 1 && op is ">=" ? $"p.id IN ({matching})" : $"p.id IN ({matching} GROUP BY e.profile_id HAVING {having})";
        return count == 0 && op is "=" or "<=" ? $"p.id NOT IN ({matching})" : $"p.id NOT IN ({matching} GROUP BY e.profile_id HAVING NOT ({having}))";
    }

    private string Filter(string eventName, EventFilter filter) => filter switch
    {
        TimeFilter { Kind: TimeFilter.Within, Value.Value: TimeSpan window } => $"e.occurred_at > {Parameter((now - window).UtcDateTime)}",
        TimeFilter time => $"e.occurred_at {(time.Kind == TimeFilter.After ? ">" : "<")} {Parameter(Instant(time.Value).UtcDateTime)}",
        PropertyFilter property => Property(eventName, property),
        _ => throw new NotSupportedException(filter.GetType().Name),
    };

    private string Property(string eventName, PropertyFilter filter)
    {
        var name = filter.Property.Text;
        if (EventRow.PropertyColumns.Contains(name) && PropertyColumn(name, filter.Comparison) is { } column)
            return column;
        var kind = EventCatalog.KindOf(eventName, name)!.Value;
        var type = kind == PropertyKind.Text ? QueryType.Text : QueryType.Number;
        var value = type == QueryType.Text ? sql.JsonText("e.properties", name) : sql.JsonNumber("e.properties", name);
        return Compare(value, type, filter.Comparison, readOnce: true);
    }

    /// <summary>
    /// Equality and lists on a property with a column of its own (category, sku, discount code, source) read the
    /// lower-cased column (and its index where it has one), the values lower-cased as stored. Everything else reads the
    /// JSON: a value too long for the column is null there, and "!=", NOT IN and IS NULL must still see it as the text
    /// it is.
    /// </summary>
    private string? PropertyColumn(string column, Comparison comparison)
    {
        static bool Fits(Literal literal) => literal.Value is string text && EventRow.ColumnKey(text) is not null;
        string Key(Literal literal) => Parameter(EventRow.ColumnKey((string)literal.Value)!);
        return comparison switch
        {
            CompareTo { Operator: "=" } equal when Fits(equal.Value) => $"e.{column} = {Key(equal.Value)}",
            InList { Negated: false } list when list.Values.All(Fits) => $"e.{column} IN ({string.Join(", ", list.Values.Select(Key))})",
            _ => null,
        };
    }

    /// <summary>
    /// A comparison that is false, not unknown, when the value is missing. A column is tested for NULL beside it (an
    /// index can serve both); a value read out of JSON is read once, with the unknown turned false (COALESCE), since
    /// reading it twice parsed every event's properties twice (the year's category views: 2× the hand-written SQL).
    /// </summary>
    private string Compare(string value, QueryType type, Comparison comparison, bool readOnce = false)
    {
        var text = type == QueryType.Text;
        var subject = text ? $"lower({value})" : value;
        string Operand(Literal literal) => text ? $"lower({Parameter(literal)})" : Parameter(literal);
        string Known(string condition) => readOnce ? $"COALESCE({condition}, FALSE)" : $"({value} IS NOT NULL AND {condition})";
        return comparison switch
        {
            IsNull isNull => $"({value} IS {(isNull.Negated ? "NOT " : "")}NULL)",
            CompareTo compare => Known($"{subject} {(compare.Operator == "!=" ? "<>" : compare.Operator)} {Operand(compare.Value)}"),
            InList list => Known($"{subject} {(list.Negated ? "NOT " : "")}IN ({string.Join(", ", list.Values.Select(Operand))})"),
            Between between => Known($"{subject} {(between.Negated ? "NOT " : "")}BETWEEN {Operand(between.Low)} AND {Operand(between.High)}"),
            Contains contains => Known(sql.ContainsIgnoringCase(value, Parameter(contains.Value))),
            _ => throw new NotSupportedException(comparison.GetType().Name),
        };
    }

    private string Parameter(Literal literal) => literal.Value switch
    {
        TimeSpan or DateTimeOffset => Parameter(Instant(literal).UtcDateTime),
        bool flag => flag ? "1" : "0",
        var value => Parameter(value),
    };

    private DateTimeOffset Instant(Literal literal) => literal.Value is TimeSpan offset ? now + offset : (DateTimeOffset)literal.Value;

    private string Parameter(object value)
    {
        // SQLite binds decimals as text, which never equals a number from JSON; doubles compare as numbers everywhere.
        if (value is decimal number)
            value = (double)number;
        var name = "@q" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add((name, value));
        return name;
    }
}
