using NopSegments.Language.Syntax;

namespace NopSegments.Language.Outline;

/// <summary>Turns query text into the visual builder's groups and rules (the builder prints them back as text).</summary>
public static class QueryOutline
{
    /// <summary>
    /// The outline of <paramref name="text"/>, always a group at the top. Throws <see cref="SegmentQueryException"/>
    /// with the position when the text does not parse. Comments are not part of the outline; a part the builder has no
    /// place for (two time filters of one kind in an event) is named in <see cref="OutlineResult.NotShown"/>.
    /// </summary>
    public static OutlineResult Parse(string text)
    {
        var syntax = Parser.Parse(text);
        // The top is always a plain group: a single rule or a negated group goes inside one.
        var top = Of(syntax, false);
        var root = top is OutlineGroup { Negated: false } group ? group : new OutlineGroup("and", false, [top]);
        var crowded = SyntaxWalk.Nodes(syntax).OfType<EventNode>()
            .FirstOrDefault(e => e.Filters.OfType<TimeFilter>().GroupBy(f => f.Kind).Any(g => g.Count() > 1));
        return new OutlineResult(root, crowded is null ? null
            : $"{crowded.Event.Text} at {crowded.Position} has two time filters of one kind; edit it as text");
    }

    private static OutlineNode Of(QueryNode node, bool negated) => node switch
    {
        NotNode not => Of(not.Operand, !negated),
        OrNode or => new OutlineGroup("or", negated, [.. or.Terms.Select(t => Of(t, false))]),
        AndNode and => new OutlineGroup("and", negated, [.. and.Terms.Select(t => Of(t, false))]),
        AttributeNode attribute => new OutlineAttributeRule(Condition(attribute.Attribute.Text, attribute.Comparison), negated),
        EventNode e => new OutlineEvent(
            e.Event.Text,
            [.. e.Filters.OfType<PropertyFilter>().Select(p => Condition(p.Property.Text, p.Comparison))],
            Time(e, TimeFilter.Within), Time(e, TimeFilter.After), Time(e, TimeFilter.Before),
            e.Operator ?? ">=", e.Count ?? 1, negated),
        InSegmentNode segment => new OutlineSegment((string)segment.Slug.Value, negated),
        InterestNode interest => new OutlineInterest((string)interest.Category.Value, interest.Operator, Value(interest.Value), negated),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string? Time(EventNode e, string kind) =>
        e.Filters.OfType<TimeFilter>().LastOrDefault(f => f.Kind == kind) is { } filter ? Value(filter.Value) : null;

    private static OutlineCondition Condition(string name, Comparison comparison) => comparison switch
    {
        CompareTo compare => new(name, compare.Operator, [Value(compare.Value)]),
        InList list => new(name, list.Negated ? "not in" : "in", [.. list.Values.Select(Value)]),
        Between between => new(name, between.Negated ? "not between" : "between", [Value(between.Low), Value(between.High)]),
        IsNull isNull => new(name, isNull.Negated ? "is not null" : "is null", []),
        Contains contains => new(name, "contains", [Value(contains.Value)]),
        _ => throw new NotSupportedException(comparison.GetType().Name),
    };

    private static string Value(Literal literal) => literal.Value is string text ? text : QueryPrinter.Print(literal);
}
