using NopSegments.Language.Outline;

namespace NopSegments.Language.Tests;

public sealed class OutlineTests
{
    [Fact]
    public void An_event_rule_keeps_its_filters_window_and_count_with_strings_unquoted()
    {
        var root = QueryOutline.Parse("""product_viewed(category = "Shoes", within 7d) >= 3 AND NOT order_placed(within 7d)""").Root;

        Assert.Equal("and", root.Join);
        var viewed = Assert.IsType<OutlineEvent>(root.Items[0]);
        Assert.Equal(("product_viewed", "7d", ">=", 3L, false), (viewed.Event, viewed.Within, viewed.Operator, viewed.Count, viewed.Negated));
        Assert.Equal("category = Shoes", Show(viewed.Filters.Single()));
        var ordered = Assert.IsType<OutlineEvent>(root.Items[1]);
        Assert.Equal((">=", 1L, true, 0), (ordered.Operator, ordered.Count, ordered.Negated, ordered.Filters.Count));
    }

    [Fact]
    public void Nested_groups_lists_ranges_and_functions_keep_their_shape()
    {
        var root = QueryOutline.Parse(
            """(country IN ("SE", 'NO') OR last_seen_at < -60m) AND NOT (in_segment("vip") OR interest("Candles") >= 0.5) AND age BETWEEN 20 AND 30 AND email IS NOT NULL""").Root;

        var either = Assert.IsType<OutlineGroup>(root.Items[0]);
        Assert.Equal(("or", false), (either.Join, either.Negated));
        Assert.Equal("country in SE|NO", Show(Assert.IsType<OutlineAttributeRule>(either.Items[0]).Condition));
        Assert.Equal(["-1h"], Assert.IsType<OutlineAttributeRule>(either.Items[1]).Condition.Values);
        var not = Assert.IsType<OutlineGroup>(root.Items[1]);
        Assert.True(not.Negated);
        Assert.Equal("vip", Assert.IsType<OutlineSegment>(not.Items[0]).Slug);
        Assert.Equal(new OutlineInterest("Candles", ">=", "0.5", false), not.Items[1]);
        Assert.Equal("age between 20|30", Show(Assert.IsType<OutlineAttributeRule>(root.Items[2]).Condition));
        Assert.Equal("is not null", Assert.IsType<OutlineAttributeRule>(root.Items[3]).Condition.Operator);
    }

    private static string Show(OutlineCondition condition) => $"{condition.Name} {condition.Operator} {string.Join('|', condition.Values)}";

    [Fact]
    public void What_the_builder_cannot_show_is_named_and_a_broken_query_says_where()
    {
        Assert.Null(QueryOutline.Parse("orders_count >= 3").NotShown);
        Assert.Contains("two time filters", QueryOutline.Parse("order_placed(after -30d, after 2011-01-01)").NotShown);
        var broken = Assert.Throws<SegmentQueryException>(() => QueryOutline.Parse("orders_count >= "));
        Assert.Equal(1, broken.Position.Line);
    }

    [Fact]
    public void Every_template_fits_the_builder()
    {
        foreach (var template in SegmentTemplates.All)
            Assert.Null(QueryOutline.Parse(template.Query).NotShown);
    }

    [Fact]
    public void The_vocabulary_lists_attributes_and_each_events_own_and_common_properties()
    {
        Assert.Contains(QueryVocabulary.Attributes, a => a is { Name: "orders_count", Type: "number" });
        Assert.Contains(QueryVocabulary.Attributes, a => a is { Name: "customer_roles", Type: "list" });
        var viewed = QueryVocabulary.Events.Single(e => e.Name == "product_viewed");
        Assert.Contains(viewed.Properties, p => p is { Name: "category", Type: "text" });
        Assert.Contains(viewed.Properties, p => p is { Name: "utm_campaign", Type: "text" });
    }
}
