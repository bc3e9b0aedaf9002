using System.Globalization;
using NopSegments.Language.Binding;
using NopSegments.Language.Syntax;

namespace NopSegments.Language.Evaluation;

/// <summary><c>interest("Candles") &gt;= 0.5</c>: the profile's decayed affinity for a category (0 when it has none).</summary>
internal sealed class InterestCondition(InterestNode syntax, string category, string op, decimal value) : Condition(syntax)
{
    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now) => Compare(Interest(profile));

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now)
    {
        var interest = Interest(profile);
        return new(Text, Compare(interest), $"interest in \"{category}\" is {interest.ToString("0.###", CultureInfo.InvariantCulture)}", []);
    }

    public override IReadOnlySet<string>? AffectedBy =>
        new HashSet<string>(StringComparer.Ordinal) { "product_viewed", "category_viewed", "added_to_cart", "product_ordered" };

    private decimal Interest(ProfileSnapshot profile) =>
        (decimal)profile.Attributes.Interests.FirstOrDefault(i => string.Equals(i.Key, category, StringComparison.OrdinalIgnoreCase)).Value;

    private bool Compare(decimal interest) => ComparisonBinder.Compare(op, interest.CompareTo(value));
}
