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
    private readonly EventTest[] tests = [.. filters];
    private readonly Func<StoreEvent, DateTimeOffset?>[] flips = [.. filters.Where(f => f.FlipsAt is not null).Select(f => f.FlipsAt!)];

    // Loops rather than LINQ: this runs for every live segment on every event, and again at each candidate instant
    // of the profile's next change.
    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now)
    {
        var matching = 0;
        foreach (var e in profile.EventsNamed(name))
        {
            if (e.OccurredAt > now)
                break;
            if (Passes(e, now))
                matching++;
        }
        return ComparisonBinder.Compare(op, matching, count);
    }

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now)
    {
        var matching = profile.EventsNamed(name).Where(e => e.OccurredAt <= now && Passes(e, now)).ToList();
        var detail = matching.Count == 0 ? $"no matching {name} event"
            : $"{matching.Count} matching {name} event{(matching.Count == 1 ? "" : "s")}, latest at {Times.Print(matching[^1].OccurredAt)}";
        return new ConditionTrace(Text, ComparisonBinder.Compare(op, matching.Count, count), detail, []);
    }

    public override void AddChangePoints(ProfileSnapshot profile, DateTimeOffset now, List<DateTimeOffset> points)
    {
        if (flips.Length == 0)
            return;
        foreach (var e in profile.EventsNamed(name))
        {
            if (e.OccurredAt > now)
                break;
            foreach (var flip in flips)
            {
                if (flip(e) is { } at && at > now)
                    points.Add(at);
            }
        }
    }

    public override IReadOnlySet<string>? AffectedBy => new HashSet<string>(StringComparer.Ordinal) { name };

    private bool Passes(StoreEvent e, DateTimeOffset now)
    {
        foreach (var test in tests)
        {
            if (!test.Passes(e, now))
                return false;
        }
        return true;
    }
}
