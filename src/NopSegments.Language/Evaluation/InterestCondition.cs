using System.Globalization;
using NopSegments.Language.Binding;
using NopSegments.Language.Syntax;
using NopSegments.Profiles;

namespace NopSegments.Language.Evaluation;

/// <summary><c>interest("Candles") &gt;= 0.5</c>: the profile's decayed affinity for a category (0 when it has none).</summary>
internal sealed class InterestCondition(InterestNode syntax, string category, string op, decimal value) : Condition(syntax)
{
    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now) => Compare(Interest(profile, now));

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now)
    {
        var interest = Interest(profile, now);
        return new(Text, Compare(interest), $"interest in \"{category}\" is {interest.ToString("0.###", CultureInfo.InvariantCulture)}", []);
    }

    public override IReadOnlySet<string>? AffectedBy =>
        new HashSet<string>(StringComparer.Ordinal) { "product_viewed", "category_viewed", "added_to_cart", "product_ordered" };

    // Interest only decays between events: its value at the snapshot carries to any later instant exactly, so the next
    // change (a threshold crossed as time passes) is scheduled like a window's end.
    public override void AddChangePoints(ProfileSnapshot profile, DateTimeOffset now, List<DateTimeOffset> points)
    {
        if (CategoryInterest.FallsTo(Interest(profile), (double)value, profile.Now) is { } at && at > now)
            points.Add(at);
    }

    private double Interest(ProfileSnapshot profile) =>
        profile.Attributes.Interests.FirstOrDefault(i => string.Equals(i.Key, category, StringComparison.OrdinalIgnoreCase)).Value;

    private decimal Interest(ProfileSnapshot profile, DateTimeOffset now) =>
        (decimal)CategoryInterest.Decayed(Interest(profile), profile.Now, now);

    private bool Compare(decimal interest) => ComparisonBinder.Compare(op, interest.CompareTo(value));
}
