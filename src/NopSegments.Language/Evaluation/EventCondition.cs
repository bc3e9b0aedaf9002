using NopSegments.Language.Binding;
using NopSegments.Language.Syntax;
using NopSegments.Tracking;

namespace NopSegments.Language.Evaluation;

/// <summary>A bound event filter: a test of one event at an instant, and the instants at which time alone flips it.</summary>
internal sealed record EventTest(Func<StoreEvent, DateTimeOffset, bool> Passes, Func<StoreEvent, DateTimeOffset?>? FlipsAt = null);

/// <summary><c>product_viewed(category = "Shoes", within 7d) &gt;= 3</c>: counts the profile's matching events.</summary>
internal sealed class EventCondition(EventNode syntax, IReadOnlyList<EventTest> filters) : Condition(syntax)
{
    private readonly string name = syntax.Event.Text;
    private readonly string op = syntax.Operator ?? ">=";
    private readonly long count = syntax.Count ?? 1;

    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now) => ComparisonBinder.Compare(op, Matching(profile, now).Count(), count);

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now)
    {
        var matching = Matching(profile, now).ToList();
        var detail = matching.Count == 0 ? $"no matching {name} event"
            : $"{matching.Count} matching {name} event{(matching.Count == 1 ? "" : "s")}, latest at {Times.Print(matching[^1].OccurredAt)}";
        return new ConditionTrace(Text, ComparisonBinder.Compare(op, matching.Count, count), detail, []);
    }

    public override IEnumerable<DateTimeOffset> ChangePoints(ProfileSnapshot profile, DateTimeOffset now) =>
        from e in profile.Events
        where e.Name == name && e.OccurredAt <= now
        from filter in filters
        let at = filter.FlipsAt?.Invoke(e)
        where at > now
        select at.Value;

    public override IReadOnlySet<string>? AffectedBy => new HashSet<string>(StringComparer.Ordinal) { name };

    private IEnumerable<StoreEvent> Matching(ProfileSnapshot profile, DateTimeOffset now) =>
        profile.Events.Where(e => e.Name == name && e.OccurredAt <= now && filters.All(f => f.Passes(e, now)));
}
