using NopSegments.Language.Syntax;

namespace NopSegments.Language.Evaluation;

/// <summary><c>in_segment("vip")</c>: the materialized membership of another saved segment.</summary>
internal sealed class SegmentCondition(InSegmentNode syntax, string slug) : Condition(syntax)
{
    public string Slug => slug;

    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now) => profile.Segments.Contains(slug);

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now) =>
        new(Text, Evaluate(profile, now), Evaluate(profile, now) ? $"a member of {slug}" : $"not a member of {slug}", []);

    // The other segment's own transitions re-evaluate this one; any event may move that segment.
    public override IReadOnlySet<string>? AffectedBy => null;
}
