using NopSegments.Language.Binding;
using NopSegments.Language.Syntax;
using NopSegments.Tracking;

namespace NopSegments.Language.Evaluation;

/// <summary><c>orders_count &gt;= 3</c>: one attribute of the snapshot against a comparison.</summary>
internal sealed class AttributeCondition(AttributeNode syntax, AttributeDefinition attribute, ValueTest test) : Condition(syntax)
{
    // Which events move which attribute; attributes missing here move with any event (times, sessions, sources),
    // or with other profiles (RFM), so they are re-evaluated on every event of the profile.
    private static readonly Dictionary<string, string[]> MovedBy = new(StringComparer.Ordinal)
    {
        ["orders_count"] = [EventNames.OrderPlaced],
        ["average_order_value"] = [EventNames.OrderPlaced],
        ["first_order_at"] = [EventNames.OrderPlaced],
        ["last_order_at"] = [EventNames.OrderPlaced],
        ["discount_orders_count"] = [EventNames.OrderPlaced],
        ["discount_orders_share"] = [EventNames.OrderPlaced],
        ["total_spent"] = [EventNames.OrderPlaced, EventNames.OrderRefunded],
        ["refunds_count"] = [EventNames.OrderRefunded],
        ["page_views_count"] = [EventNames.PageViewed, EventNames.ProductViewed, EventNames.CategoryViewed],
        ["cart_items_count"] = [EventNames.AddedToCart, EventNames.RemovedFromCart, EventNames.OrderPlaced],
        ["cart_value"] = [EventNames.AddedToCart, EventNames.RemovedFromCart, EventNames.OrderPlaced],
        ["last_added_to_cart_at"] = [EventNames.AddedToCart],
    };

    private readonly IReadOnlyList<TimeSpan> relativeTimes = RelativeTimes(syntax.Comparison);

    public override bool Evaluate(ProfileSnapshot profile, DateTimeOffset now) => test(Read(profile), now);

    public override ConditionTrace Explain(ProfileSnapshot profile, DateTimeOffset now)
    {
        var value = Read(profile);
        return new ConditionTrace(Text, test(value, now), $"{attribute.Name} is {Values.Format(value)}", []);
    }

    public override void AddChangePoints(ProfileSnapshot profile, DateTimeOffset now, List<DateTimeOffset> points)
    {
        if (relativeTimes.Count == 0 || Read(profile) is not DateTimeOffset value)
            return;
        foreach (var offset in relativeTimes)
        {
            if (value - offset > now)
                points.Add(value - offset);
        }
    }

    public override IReadOnlySet<string>? AffectedBy =>
        attribute.FromHost ? new HashSet<string>()
        : MovedBy.TryGetValue(attribute.Name, out var names) ? names.ToHashSet(StringComparer.Ordinal) : null;

    private object? Read(ProfileSnapshot profile) => Values.As(attribute.Type, attribute.Read(profile));

    internal static IReadOnlyList<TimeSpan> RelativeTimes(Comparison comparison) => comparison switch
    {
        CompareTo { Value.Value: TimeSpan offset } => [offset],
        Between between => [.. new[] { between.Low, between.High }.Select(l => l.Value).OfType<TimeSpan>()],
        _ => [],
    };
}
