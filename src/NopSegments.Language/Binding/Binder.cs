using NopSegments.Language.Evaluation;
using NopSegments.Language.Syntax;
using NopSegments.Tracking;

namespace NopSegments.Language.Binding;

/// <summary>
/// Resolves names against the attribute and event catalogs and the saved segments, checks every
/// comparison's types, and builds the conditions that evaluate the query.
/// </summary>
internal sealed class Binder(IReadOnlyCollection<string> segmentSlugs)
{
    private static readonly string[] Functions = ["in_segment", "interest"];

    public Condition Bind(QueryNode node) => node switch
    {
        OrNode or => new AnyOf(or, [.. or.Terms.Select(Bind)]),
        AndNode and => new AllOf(and, [.. and.Terms.Select(Bind)]),
        NotNode not => new Negation(not, Bind(not.Operand)),
        AttributeNode attribute => BindAttribute(attribute),
        EventNode e => BindEvent(e),
        InSegmentNode segment => BindSegment(segment),
        InterestNode interest => BindInterest(interest),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static AttributeCondition BindAttribute(AttributeNode node)
    {
        var name = node.Attribute.Text;
        if (!AttributeCatalog.All.TryGetValue(name, out var attribute))
        {
            var hint = EventCatalog.Events.ContainsKey(name) ? $"; {name} is an event: write {name}(…) to count it" : "";
            throw new SegmentQueryException($"unknown attribute '{name}'{hint}", node.Attribute.Position,
                hint.Length > 0 ? null : Suggestions.Closest(name, AttributeCatalog.All.Keys));
        }
        return new AttributeCondition(node, attribute, ComparisonBinder.Bind(name, attribute.Type, node.Comparison));
    }

    private static EventCondition BindEvent(EventNode node)
    {
        var name = node.Event.Text;
        if (!EventCatalog.Events.ContainsKey(name))
        {
            var hint = AttributeCatalog.All.ContainsKey(name) ? $"; {name} is an attribute: compare it, as in {name} > 0" : "";
            throw new SegmentQueryException($"unknown event '{name}'{hint}", node.Event.Position,
                hint.Length > 0 ? null : Suggestions.Closest(name, EventCatalog.Events.Keys.Concat(Functions)));
        }
        if (node.Operator is { } op && op is not ("=" or "!=" or "<" or "<=" or ">" or ">="))
            throw new SegmentQueryException($"unknown operator '{op}'", node.Event.Position);
        return new EventCondition(node, [.. node.Filters.Select(f => BindFilter(name, f))]);
    }

    private static EventTest BindFilter(string eventName, EventFilter filter)
    {
        switch (filter)
        {
            case TimeFilter { Kind: TimeFilter.Within, Value.Value: TimeSpan window }:
                if (window <= TimeSpan.Zero)
                    throw new SegmentQueryException("within takes a positive duration such as 7d", filter.Position);
                return new EventTest((e, now) => e.OccurredAt > now - window && e.OccurredAt <= now, e => e.OccurredAt + window);
            case TimeFilter time:
                var after = time.Kind == TimeFilter.After;
                if (time.Value.Value is TimeSpan offset)
                    return new EventTest((e, now) => after ? e.OccurredAt > now + offset : e.OccurredAt < now + offset, e => e.OccurredAt - offset);
                var at = (DateTimeOffset)time.Value.Value;
                return new EventTest((e, _) => after ? e.OccurredAt > at : e.OccurredAt < at);
            case PropertyFilter property:
                var name = property.Property.Text;
                if (EventCatalog.KindOf(eventName, name) is not { } kind)
                {
                    var known = EventCatalog.Events[eventName].Keys.Concat(EventCatalog.CommonProperties.Keys);
                    throw new SegmentQueryException($"{eventName} has no property '{name}'", property.Property.Position, Suggestions.Closest(name, known));
                }
                var type = kind switch
                {
                    PropertyKind.Text => QueryType.Text,
                    PropertyKind.WholeNumber => QueryType.WholeNumber,
                    _ => QueryType.Number,
                };
                var test = ComparisonBinder.Bind(name, type, property.Comparison);
                return new EventTest((e, now) => test(Values.As(type, e.Properties.GetValueOrDefault(name)), now));
            default:
                throw new NotSupportedException(filter.GetType().Name);
        }
    }

    private SegmentCondition BindSegment(InSegmentNode node)
    {
        var slug = (string)node.Slug.Value;
        if (!segmentSlugs.Contains(slug))
            throw new SegmentQueryException(
                segmentSlugs.Count == 0 ? $"unknown segment '{slug}': there are no saved segments yet" : $"unknown segment '{slug}'",
                node.Slug.Position, Suggestions.Closest(slug, segmentSlugs));
        return new SegmentCondition(node, slug);
    }

    private static InterestCondition BindInterest(InterestNode node)
    {
        if (node.Value.Value is not decimal value)
            throw new SegmentQueryException("cannot compare interest(…) (number 0-1) with " +
                (node.Value.Kind == LiteralKind.String ? "a text" : "a non-number"), node.Value.Position);
        return new InterestCondition(node, (string)node.Category.Value, node.Operator, value);
    }
}
