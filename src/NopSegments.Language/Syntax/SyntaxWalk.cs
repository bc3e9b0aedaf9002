namespace NopSegments.Language.Syntax;

/// <summary>Questions about a whole syntax tree.</summary>
internal static class SyntaxWalk
{
    public static IEnumerable<QueryNode> Nodes(QueryNode node) => node switch
    {
        OrNode or => or.Terms.SelectMany(Nodes).Prepend(node),
        AndNode and => and.Terms.SelectMany(Nodes).Prepend(node),
        NotNode not => Nodes(not.Operand).Prepend(node),
        _ => [node],
    };

    /// <summary>True when an answer can change with time alone: a relative time, a within window, or a decaying interest.</summary>
    public static bool IsTimeBound(QueryNode node) => Nodes(node).Any(n => n switch
    {
        AttributeNode attribute => Literals(attribute.Comparison).Any(l => l.Kind == LiteralKind.Duration),
        EventNode e => e.Filters.Any(f => f is TimeFilter { Kind: TimeFilter.Within } or TimeFilter { Value.Kind: LiteralKind.Duration }),
        InterestNode => true,
        _ => false,
    });

    /// <summary>The earliest time an event can have to pass this predicate's time filters at <paramref name="now"/>.</summary>
    public static DateTimeOffset LowerBound(EventNode node, DateTimeOffset now)
    {
        // An indexed loop: it runs for every live segment of every profile an event reaches.
        var bound = DateTimeOffset.MinValue;
        for (var i = 0; i < node.Filters.Count; i++)
        {
            var at = node.Filters[i] switch
            {
                TimeFilter { Kind: TimeFilter.Within, Value.Value: TimeSpan window } => now - window,
                TimeFilter { Kind: TimeFilter.After, Value.Value: TimeSpan offset } => now + offset,
                TimeFilter { Kind: TimeFilter.After, Value.Value: DateTimeOffset absolute } => absolute,
                _ => DateTimeOffset.MinValue,
            };
            if (at > bound)
                bound = at;
        }
        return bound;
    }

    internal static IEnumerable<Literal> Literals(Comparison comparison) => comparison switch
    {
        CompareTo compare => [compare.Value],
        InList list => list.Values,
        Between between => [between.Low, between.High],
        _ => [],
    };
}
