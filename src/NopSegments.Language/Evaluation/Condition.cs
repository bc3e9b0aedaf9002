using NopSegments.Language.Syntax;

namespace NopSegments.Language.Evaluation;

/// <summary>
/// A bound condition: evaluates against a profile snapshot at an instant, explains itself, and names the
/// instants after which time alone could change its answer (a window passing, a relative time moving on).
/// </summary>
internal abstract class Condition(QueryNode syntax)
{
    public string Text { get; } = QueryPrinter.Print(syntax);

    public abstract bool Evaluate(ProfileSnapshot profile, DateTimeOffset now);

    public abstract ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now);

    /// <summary>Adds the instants after <paramref name="now"/> at which time alone could flip this condition.</summary>
    public virtual void AddChangePoints(ProfileSnapshot profile, DateTimeOffset now, List<DateTimeOffset> points)
    {
    }

    /// <summary>Events whose arrival can change the answer; null when any event can (attributes such as last_seen_at).</summary>
    public abstract IReadOnlySet<string>? AffectedBy { get; }
}

internal sealed class AllOf(AndNode syntax, IReadOnlyList<Condition> parts) : Condition(syntax)
{
    // Indexed loops: a foreach over the list's interface allocates an enumerator, for every segment on every event.
    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (!parts[i].Evaluate(profile, now))
                return false;
        }
        return true;
    }

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now)
    {
        var traces = parts.Select(p => p.Explain(profile, now)).ToList();
        var failed = traces.Count(t => !t.Matched);
        return new ConditionTrace(Text, failed == 0, failed == 0 ? "all conditions hold" : $"{failed} of {traces.Count} conditions fail", traces);
    }

    public override void AddChangePoints(ProfileSnapshot profile, DateTimeOffset now, List<DateTimeOffset> points)
    {
        for (var i = 0; i < parts.Count; i++)
            parts[i].AddChangePoints(profile, now, points);
    }

    public override IReadOnlySet<string>? AffectedBy => Union(parts);

    internal static IReadOnlySet<string>? Union(IEnumerable<Condition> parts)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (part.AffectedBy is not { } names)
                return null;
            all.UnionWith(names);
        }
        return all;
    }
}

internal sealed class AnyOf(OrNode syntax, IReadOnlyList<Condition> parts) : Condition(syntax)
{
    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Evaluate(profile, now))
                return true;
        }
        return false;
    }

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now)
    {
        var traces = parts.Select(p => p.Explain(profile, now)).ToList();
        var held = traces.Count(t => t.Matched);
        return new ConditionTrace(Text, held > 0, held > 0 ? $"{held} of {traces.Count} alternatives hold" : "no alternative holds", traces);
    }

    public override void AddChangePoints(ProfileSnapshot profile, DateTimeOffset now, List<DateTimeOffset> points)
    {
        for (var i = 0; i < parts.Count; i++)
            parts[i].AddChangePoints(profile, now, points);
    }

    public override IReadOnlySet<string>? AffectedBy => AllOf.Union(parts);
}

internal sealed class Negation(NotNode syntax, Condition operand) : Condition(syntax)
{
    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now) => !operand.Evaluate(profile, now);

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now)
    {
        var inner = operand.Explain(profile, now);
        return new ConditionTrace(Text, !inner.Matched, inner.Matched ? "the negated condition holds" : "the negated condition fails", [inner]);
    }

    public override void AddChangePoints(ProfileSnapshot profile, DateTimeOffset now, List<DateTimeOffset> points) =>
        operand.AddChangePoints(profile, now, points);

    public override IReadOnlySet<string>? AffectedBy => operand.AffectedBy;
}
