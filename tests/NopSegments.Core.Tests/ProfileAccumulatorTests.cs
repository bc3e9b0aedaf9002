using NopSegments.Profiles;
using NopSegments.Tracking;

namespace NopSegments.Core.Tests;

public sealed class ProfileAccumulatorTests
{
    private static readonly DateTimeOffset T0 = new(2011, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static StoreEvent E(string name, double minutes, string? session = null, params (string Key, object? Value)[] props) =>
        new(name, "v1", T0.AddMinutes(minutes)) { SessionId = session, Properties = props.ToDictionary(p => p.Key, p => p.Value) };

    private static ProfileAttributes Fold(DateTimeOffset now, params StoreEvent[] events)
    {
        var profile = new ProfileAccumulator();
        foreach (var e in events.Where(e => e.OccurredAt <= now))
            profile.Apply(e);
        return profile.ToAttributes(now);
    }

    [Fact]
    public void A_visitor_with_no_orders_has_no_average_order_value_discount_share_or_order_times()
    {
        var p = Fold(T0.AddDays(1), E("product_viewed", 0, "s1", ("sku", "1"), ("category", "Bags")));

        Assert.Equal(0, p.OrdersCount);
        Assert.Null(p.AverageOrderValue);
        Assert.Null(p.DiscountOrdersShare);
        Assert.Null(p.FirstOrderAt);
        Assert.Equal(1, p.PageViewsCount);
        Assert.Equal(1, p.SessionsCount);
    }

    [Fact]
    public void Spend_is_orders_minus_refunds_and_the_average_ignores_refunds()
    {
        var p = Fold(T0.AddDays(1),
            E("order_placed", 0, null, ("order_id", "1"), ("value", 100m), ("discount_code", "WELCOME10")),
            E("order_placed", 60, null, ("order_id", "2"), ("value", 50m)),
            E("order_refunded", 90, null, ("order_id", "2"), ("value", 20m)));

        Assert.Equal((2, 130m, 75m, 1), (p.OrdersCount, p.TotalSpent, p.AverageOrderValue, p.RefundsCount));
        Assert.Equal((1, 0.5m), (p.DiscountOrdersCount, p.DiscountOrdersShare));
        Assert.Equal((T0, T0.AddMinutes(60)), (p.FirstOrderAt!.Value, p.LastOrderAt!.Value));
    }

    [Fact]
    public void An_as_of_evaluation_sees_only_what_had_happened_by_then()
    {
        StoreEvent[] history =
        [
            E("order_placed", 0, null, ("order_id", "1"), ("value", 10m)),
            E("order_placed", 60 * 24 * 30, null, ("order_id", "2"), ("value", 30m)),
        ];

        var early = Fold(T0.AddDays(1), history);
        var late = Fold(T0.AddDays(40), history);

        Assert.Equal((1, 10m), (early.OrdersCount, early.TotalSpent));
        Assert.Equal(T0, early.LastSeenAt);
        Assert.Equal((2, 40m), (late.OrdersCount, late.TotalSpent));
    }

    [Fact]
    public void The_cart_is_adds_minus_removes_since_the_last_order()
    {
        var p = Fold(T0.AddDays(1),
            E("added_to_cart", 0, "s1", ("sku", "A"), ("price", 2.5m), ("quantity", 4)),
            E("order_placed", 1, "s1", ("order_id", "1"), ("value", 10m)),
            E("added_to_cart", 2, "s2", ("sku", "B"), ("price", 3m), ("quantity", 2)),
            E("added_to_cart", 3, "s2", ("sku", "C"), ("price", 1m), ("quantity", 1)),
            E("removed_from_cart", 4, "s2", ("sku", "B"), ("quantity", 1)),
            E("removed_from_cart", 5, "s2", ("sku", "C"), ("quantity", 5)));

        Assert.Equal((1, 3m), (p.CartItemsCount, p.CartValue));
        Assert.Equal(T0.AddMinutes(3), p.LastAddedToCartAt);
    }

    [Fact]
    public void Sources_come_from_the_first_and_latest_sessions_and_device_from_the_latest_event()
    {
        var p = Fold(T0.AddDays(1),
            E("page_viewed", 0, "s1", ("source", "organic_search"), ("device", "mobile")),
            E("page_viewed", 1, "s1", ("source", "organic_search")),
            E("page_viewed", 60, "s2", ("source", "email"), ("device", "desktop")),
            E("category_viewed", 61, "s2", ("category", "Bags")));

        Assert.Equal(("organic_search", "email", "desktop"), (p.FirstSource, p.LastSource, p.Device));
        Assert.Equal((2, 4), (p.SessionsCount, p.PageViewsCount));
    }

    [Fact]
    public void The_country_is_the_latest_invoices_and_ties_go_to_the_larger_invoice_number()
    {
        var p = Fold(T0.AddDays(1),
            E("order_placed", 0, null, ("order_id", "536400"), ("value", 1m), ("country", "France")),
            E("order_placed", 10, null, ("order_id", "536500"), ("value", 1m), ("country", "Spain")),
            E("order_placed", 10, null, ("order_id", "536499"), ("value", 1m), ("country", "EIRE")));

        Assert.Equal("Spain", p.Country);
    }

    [Fact]
    public void Interest_decays_by_half_every_fourteen_days_and_saturates_below_one()
    {
        StoreEvent[] views = [.. Enumerable.Range(0, 5).Select(i => E("product_viewed", i, "s1", ("sku", "1"), ("category", "Candles")))];

        var fresh = Fold(T0.AddMinutes(4), views).Interests["candles"];
        var twoWeeks = Fold(T0.AddMinutes(4).AddDays(14), views).Interests["CANDLES"];

        Assert.Equal(1 - Math.Exp(-1), fresh, 3);
        Assert.Equal(1 - Math.Exp(-0.5), twoWeeks, 3);
    }

    [Fact]
    public void A_fold_stored_as_json_and_resumed_equals_a_fold_in_one_go()
    {
        StoreEvent[] events =
        [
            E("page_viewed", 0, "s1", ("source", "email"), ("device", "mobile")),
            E("added_to_cart", 1, "s1", ("sku", "A"), ("price", 2m), ("quantity", 2), ("category", "Bags")),
            E("order_placed", 2, "s1", ("order_id", "9"), ("value", 4m), ("country", "Norway")),
            E("product_viewed", 60 * 24 * 3, "s2", ("sku", "B"), ("category", "bags"), ("source", "direct")),
            E("added_to_cart", 60 * 24 * 3 + 1, "s2", ("sku", "B"), ("price", 5m)),
        ];
        var now = T0.AddDays(10);

        var whole = new ProfileAccumulator();
        foreach (var e in events)
            whole.Apply(e);
        var first = new ProfileAccumulator();
        foreach (var e in events[..3])
            first.Apply(e);
        var json = System.Text.Json.JsonSerializer.Serialize(first.State);
        var resumed = new ProfileAccumulator(System.Text.Json.JsonSerializer.Deserialize<ProfileState>(json));
        foreach (var e in events[3..])
            resumed.Apply(e);

        var (a, b) = (whole.ToAttributes(now), resumed.ToAttributes(now));
        Assert.Equal(a with { Interests = null! }, b with { Interests = null! });
        Assert.Equal(a.Interests.Single(), b.Interests.Single());
        Assert.Equal((1, 5m, "direct"), (b.CartItemsCount, b.CartValue, b.LastSource));
    }

    [Fact]
    public void Events_a_moment_out_of_order_fold_to_the_same_times_and_country()
    {
        StoreEvent[] inOrder =
        [
            E("order_placed", 0, "s1", ("order_id", "1"), ("value", 5m), ("country", "France")),
            E("order_placed", 0.01, "s1", ("order_id", "2"), ("value", 7m), ("country", "Spain")),
        ];
        var now = T0.AddDays(1);

        var a = Fold(now, inOrder);
        var swapped = new ProfileAccumulator();
        swapped.Apply(inOrder[1]);
        swapped.Apply(inOrder[0]);
        var b = swapped.ToAttributes(now);

        Assert.Equal((a.FirstSeenAt, a.LastSeenAt, a.FirstOrderAt, a.LastOrderAt, a.Country, a.TotalSpent),
            (b.FirstSeenAt, b.LastSeenAt, b.FirstOrderAt, b.LastOrderAt, b.Country, b.TotalSpent));
    }
}
