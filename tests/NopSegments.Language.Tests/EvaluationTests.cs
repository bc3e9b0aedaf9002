namespace NopSegments.Language.Tests;

public sealed class EvaluationTests
{
    public static TheoryData<string, string> Cases => CaseFile.Read("evaluation.txt");

    [Theory, MemberData(nameof(Cases))]
    public void A_query_selects_exactly_its_members(string query, string members)
    {
        var parsed = SegmentQuery.Parse(query, ["vip"]);

        var matched = ShopFixture.At(ShopFixture.Now).Where(parsed.Matches).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(members, matched.Count == 0 ? "none" : string.Join(", ", matched));
    }

    [Fact]
    public void An_as_of_evaluation_sees_the_profiles_as_they_were()
    {
        var query = SegmentQuery.Parse("orders_count >= 2");

        var monthAgo = ShopFixture.At(ShopFixture.Now.AddDays(-29));

        Assert.Equal(["ann", "cy", "dee"], monthAgo.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["ann"], monthAgo.Where(query.Matches).Select(p => p.Key));
        Assert.Equal(2, monthAgo.Single(p => p.Key == "ann").Attributes.OrdersCount);
    }

    [Fact]
    public void Explain_shows_each_condition_with_what_it_saw()
    {
        var ann = ShopFixture.At(ShopFixture.Now).Single(p => p.Key == "ann");

        var trace = SegmentQuery.Parse("product_viewed(category = \"Shoes\", within 7d) >= 3 AND NOT order_placed(within 7d)").Explain(ann);

        Assert.False(trace.Matched);
        Assert.Equal("1 of 2 conditions fail", trace.Detail);
        Assert.Equal(("product_viewed(category = \"Shoes\", within 7d) >= 3", true, "3 matching product_viewed events, latest at 2026-11-28T12:00:00Z"),
            (trace.Parts[0].Condition, trace.Parts[0].Matched, trace.Parts[0].Detail));
        var not = trace.Parts[1];
        Assert.Equal((false, "1 matching order_placed event, latest at 2026-11-28T16:00:00Z"), (not.Matched, not.Parts[0].Detail));
    }

    [Fact]
    public void Explain_shows_missing_values()
    {
        var dee = ShopFixture.At(ShopFixture.Now).Single(p => p.Key == "dee");

        var trace = SegmentQuery.Parse("country = \"SE\"").Explain(dee);

        Assert.Equal((false, "country is missing"), (trace.Matched, trace.Detail));
    }

    [Fact]
    public void Next_change_is_when_a_time_window_or_relative_time_passes()
    {
        var profiles = ShopFixture.At(ShopFixture.Now).ToDictionary(p => p.Key);

        // ann's three shoe views: the one 6 days ago leaves the 7-day window first, 1 day from now.
        var shoes = SegmentQuery.Parse("product_viewed(category = \"Shoes\", within 7d) >= 3");
        Assert.Equal(ShopFixture.Now.AddDays(1).AddSeconds(1), shoes.NextChange(profiles["ann"]));
        // bob's cart was last touched 2 hours ago: he becomes an abandoner of 3 hours in 1 hour.
        var abandoned = SegmentQuery.Parse("cart_items_count > 0 AND last_seen_at < -3h");
        Assert.Equal(ShopFixture.Now.AddHours(1).AddSeconds(1), abandoned.NextChange(profiles["bob"]));
        // Nothing time-bound: no scheduled change.
        Assert.Null(SegmentQuery.Parse("orders_count >= 3").NextChange(profiles["ann"]));
    }

    [Fact]
    public void Next_change_of_an_interest_is_when_its_decay_crosses_the_threshold()
    {
        var now = ShopFixture.Now;
        var interest = ShopFixture.At(now).Single(p => p.Key == "ann").Attributes.Interests.Single(i => string.Equals(i.Key, "Shoes", StringComparison.OrdinalIgnoreCase)).Value;
        var threshold = Math.Round(interest / 2, 2);
        var query = SegmentQuery.Parse($"interest(\"Shoes\") >= {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        var next = query.NextChange(ShopFixture.At(now).Single(p => p.Key == "ann"));

        // Nothing about shoes happens after now, so the snapshots just before and at that instant straddle the crossing.
        Assert.NotNull(next);
        Assert.InRange(next.Value - now, TimeSpan.FromDays(7), TimeSpan.FromDays(28));
        Assert.True(query.Matches(ShopFixture.At(next.Value.AddSeconds(-2)).Single(p => p.Key == "ann")));
        Assert.False(query.Matches(ShopFixture.At(next.Value).Single(p => p.Key == "ann")));
        Assert.Null(SegmentQuery.Parse("interest(\"Shoes\") >= 0.99").NextChange(ShopFixture.At(now).Single(p => p.Key == "ann")));
    }

    [Fact]
    public void Events_handed_over_out_of_time_order_count_as_in_time_order()
    {
        var ann = ShopFixture.At(ShopFixture.Now).Single(p => p.Key == "ann");
        var shoes = SegmentQuery.Parse("product_viewed(category = \"Shoes\", within 7d) >= 3 AND order_placed(within 7d)");
        var inOrder = (shoes.Matches(ann), shoes.NextChange(ann));

        // A copy made with `with` gets its own events: what the first snapshot worked out from its list is not reused.
        var reversed = ann with { Events = [.. ann.Events.Reverse()] };

        Assert.Equal((true, ShopFixture.Now.AddDays(1).AddSeconds(1)), inOrder);
        Assert.Equal(inOrder, (shoes.Matches(reversed), shoes.NextChange(reversed)));
        Assert.False(shoes.Matches(ann with { Events = [] }));
    }

    [Fact]
    public void A_query_names_the_events_that_can_change_it()
    {
        Assert.Equal(["order_placed", "product_viewed"],
            SegmentQuery.Parse("product_viewed(within 7d) AND orders_count = 0").AffectedBy!.Order(StringComparer.Ordinal));
        Assert.Null(SegmentQuery.Parse("last_seen_at < -1d").AffectedBy);
        Assert.Empty(SegmentQuery.Parse("email IS NOT NULL").AffectedBy!);
    }
}
