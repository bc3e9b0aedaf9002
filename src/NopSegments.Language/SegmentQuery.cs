using NopSegments.Language.Binding;
using NopSegments.Language.Evaluation;
using NopSegments.Language.Syntax;

namespace NopSegments.Language;

/// <summary>
/// A parsed and bound segment query (SEGMENT-LANGUAGE.md). <see cref="Parse"/> rejects a query that does not
/// parse or bind with a <see cref="SegmentQueryException"/>; a query that parses is evaluated, explained and
/// printed canonically.
/// </summary>
public sealed class SegmentQuery
{
    private readonly Condition condition;

    private SegmentQuery(QueryNode syntax, Condition condition)
    {
        Syntax = syntax;
        this.condition = condition;
    }

    /// <summary>The checked syntax tree, for the set-based translation.</summary>
    internal QueryNode Syntax { get; }

    /// <summary>The query in canonical form.</summary>
    public string Text => condition.Text;

    /// <summary>Events whose arrival can change any profile's answer; null when any event can.</summary>
    public IReadOnlySet<string>? AffectedBy { get; private init; }

    // One list per thread for the candidate instants: the writer asks every time-bound segment for every event.
    [ThreadStatic]
    private static List<DateTimeOffset>? changePoints;

    // Read for every profile an event touches: walked once, at parse time.
    private EventNode[] eventNodes = [];

    /// <summary>The saved segments the query reads through in_segment(…).</summary>
    public IReadOnlySet<string> Segments { get; private init; } = new HashSet<string>();

    /// <summary>Whether the query reads RFM scores, which move with every other buyer, not only with this profile's events.</summary>
    public bool UsesRfm { get; private init; }

    /// <summary>The event names the query counts (its event predicates), whose stored events an evaluation needs.</summary>
    public IReadOnlySet<string> CountedEvents { get; private init; } = new HashSet<string>();

    /// <summary>
    /// The earliest event time the query's event predicates can count at <paramref name="now"/>: each predicate only
    /// counts events inside its own time filters. <see cref="DateTimeOffset.MinValue"/> when one counts all time.
    /// </summary>
    public DateTimeOffset EarliestCountedAt(DateTimeOffset now)
    {
        if (eventNodes.Length == 0)
            return now;
        var earliest = DateTimeOffset.MaxValue;
        foreach (var node in eventNodes)
        {
            var bound = SyntaxWalk.LowerBound(node, now);
            if (bound < earliest)
                earliest = bound;
        }
        return earliest;
    }

    /// <summary>Whether time alone (a window passing, a relative time moving on) can change an answer.</summary>
    public bool IsTimeBound { get; private init; }

    /// <summary>Parses and binds <paramref name="text"/>; <paramref name="segmentSlugs"/> are the saved segments in_segment may name.</summary>
    public static SegmentQuery Parse(string text, IReadOnlyCollection<string>? segmentSlugs = null)
    {
        var syntax = Parser.Parse(text);
        var condition = new Binder(segmentSlugs ?? []).Bind(syntax);
        var nodes = SyntaxWalk.Nodes(syntax).ToList();
        var events = nodes.OfType<EventNode>().ToList();
        return new SegmentQuery(syntax, condition)
        {
            AffectedBy = condition.AffectedBy,
            eventNodes = [.. events],
            Segments = nodes.OfType<InSegmentNode>().Select(n => (string)n.Slug.Value).ToHashSet(StringComparer.Ordinal),
            IsTimeBound = SyntaxWalk.IsTimeBound(syntax),
            UsesRfm = nodes.OfType<AttributeNode>().Any(a => a.Attribute.Text.StartsWith("rfm_", StringComparison.Ordinal)),
            CountedEvents = events.Select(e => e.Event.Text).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>Whether the profile matches at its snapshot's instant.</summary>
    public bool Matches(ProfileSnapshot profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return condition.Evaluate(profile, profile.Now);
    }

    /// <summary>The per-condition trace for the profile at its snapshot's instant.</summary>
    public ConditionTrace Explain(ProfileSnapshot profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return condition.Explain(profile, profile.Now);
    }

    /// <summary>
    /// When the answer will next change if no new event arrives: a time window passing or a relative time moving on.
    /// Null when time alone will not change it (interest decay and RFM rescoring are left to the scheduled sweep).
    /// </summary>
    public DateTimeOffset? NextChange(ProfileSnapshot profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var points = changePoints ??= [];
        points.Clear();
        condition.AddChangePoints(profile, profile.Now, points);
        if (points.Count == 0)
            return null;
        points.Sort();
        var current = condition.Evaluate(profile, profile.Now);
        var previous = DateTimeOffset.MinValue;
        foreach (var point in points)
        {
            // Instants within one second (an order's lines) are one candidate.
            var after = CheckTimeFor(point);
            if (after == previous)
                continue;
            previous = after;
            if (condition.Evaluate(profile, after) != current)
                return after;
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>
    /// When to look again for a change at <paramref name="changePoint"/>: the next whole second, past the boundary
    /// instant that windows exclude on one side, and stored exactly by every database.
    /// </summary>
    public static DateTimeOffset CheckTimeFor(DateTimeOffset changePoint) =>
        new(changePoint.UtcTicks - (changePoint.UtcTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
