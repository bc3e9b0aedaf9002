using NopSegments.Data.Flows;

namespace NopSegments.Data.Tests;

public sealed class FlowSettingsTests
{
    private static FlowSettings Read(params (string Key, string Value)[] values) =>
        FlowSettings.Read(values.ToDictionary(v => v.Key, v => v.Value), ["vip"]);

    [Fact]
    public void The_defaults_read_as_the_documented_flow()
    {
        var flows = Read();
        var cart = flows[FlowCatalog.AbandonedCart];

        Assert.All(flows.Flows, f => Assert.False(f.Enabled));
        Assert.Equal(["abandoned_cart", "abandoned_checkout", "browse_abandonment", "buying_intent", "win_back", "post_purchase"], flows.Flows.Select(f => f.Key));
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromHours(72)], cart.Steps.Select(s => s.Delay));
        Assert.All(cart.Steps, s => Assert.Equal("email", s.Channel));
        Assert.Equal("added_to_cart", cart.Trigger.EventName);
        Assert.Equal(["cart_emptied", "ordered"], cart.ExitWhen.Order());
        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromHours(16)), (cart.Reentry, flows.FrequencyCap));
        Assert.Equal((new TimeOnly(21, 0), new TimeOnly(8, 0)), flows.QuietHours);
        Assert.Equal(new IntentRule(3, TimeSpan.FromDays(7), null), flows[FlowCatalog.BuyingIntent].Intent);
        Assert.Equal(TimeSpan.FromDays(5), flows.ConversionWindow);
    }

    [Fact]
    public void A_custom_flow_reads_its_own_keys_with_a_segment_trigger_filters_and_channels_per_step()
    {
        var flows = Read(("flows.custom", "vip_welcome"), ("flows.vip_welcome.name", "VIP welcome"), ("flows.vip_welcome.enabled", "true"),
            ("flows.vip_welcome.trigger", "segment:vip"), ("flows.vip_welcome.filter", "orders_count >= 2"),
            ("flows.vip_welcome.exit", "refunds_count > 0 OR in_segment(\"vip\")"), ("flows.vip_welcome.delays", "10m,1d,3d"), ("flows.vip_welcome.channels", "email,sms"));
        var vip = flows["vip_welcome"];

        Assert.Equal(("VIP welcome", true, "vip"), (vip.Name, vip.Enabled, vip.Trigger.SegmentSlug));
        Assert.Equal(("orders_count >= 2", "refunds_count > 0 OR in_segment(\"vip\")"), (vip.Filter?.Text, vip.ExitQuery?.Text));
        Assert.Equal(["email", "sms", "sms"], vip.Steps.Select(s => s.Channel));
        Assert.Empty(vip.ExitWhen);
    }

    [Theory]
    [InlineData("flows.abandoned_cart.delays", "1h, 24x", "flows.abandoned_cart.delays: '24x' is not a duration: write a number and m, h, d or w, for example 30m or 24h")]
    [InlineData("flows.abandoned_cart.delays", "0m", "flows.abandoned_cart.delays: the shortest step is 1m")]
    [InlineData("flows.abandoned_cart.delays", "24h,1h", "flows.abandoned_cart.delays: each step must come after the one before, for example 1h,24h,72h")]
    [InlineData("flows.abandoned_cart.enabled", "yes", "flows.abandoned_cart.enabled: 'yes' is not true or false")]
    [InlineData("flows.quiet_hours", "9pm-8am", "flows.quiet_hours: '9pm-8am' is not a time range: write it as 21:00-08:00, or leave it empty for none")]
    [InlineData("flows.time_zone", "Mars/Olympus", "flows.time_zone: 'Mars/Olympus' is not a time zone: use an IANA name such as Europe/London")]
    [InlineData("flows.win_back.trigger", "bought_stuff", "flows.win_back.trigger: 'bought_stuff' is not a trigger: write an event such as added_to_cart or checkout_started, or segment: and a saved segment's slug")]
    [InlineData("flows.abandoned_checkout.channels", "email,fax", "flows.abandoned_checkout.channels: 'fax' is not a channel: write email, sms or webhook for each step, comma separated")]
    [InlineData("flows.post_purchase.exit_when", "ordered,bored", "flows.post_purchase.exit_when: 'bored' is not an exit: write any of ordered, cart_emptied, carted")]
    [InlineData("flows.abandoned_cart.filter", "order_count > 1", "flows.abandoned_cart.filter: unknown attribute 'order_count' at 1:1; did you mean 'orders_count'?")]
    [InlineData("flows.buying_intent.intent_views", "1", "flows.buying_intent.intent_views: '1' is not a whole number from 2 to 100")]
    [InlineData("flows.custom", "abandoned_cart", "flows.custom: 'abandoned_cart' is not a custom flow's key: use lower-case letters, digits and _, not a built-in flow's key")]
    public void A_setting_that_does_not_read_names_its_key_and_what_to_write(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<FlowSettingsException>(() => Read((key, value))).Message);

    [Fact]
    public void A_trigger_on_a_segment_that_is_not_saved_is_refused_when_the_slugs_are_known() =>
        Assert.Equal("flows.win_back.trigger: 'gone' is not a saved segment: write segment: and the slug of one",
            Assert.Throws<FlowSettingsException>(() => FlowSettings.Read(new Dictionary<string, string> { ["flows.win_back.trigger"] = "segment:gone" }, ["vip"])).Message);

    [Theory]
    [InlineData("2026-12-06T22:30:00Z", "2026-12-07T08:00:00Z")]
    [InlineData("2026-12-07T07:59:00Z", "2026-12-07T08:00:00Z")]
    [InlineData("2026-12-07T08:00:00Z", "2026-12-07T08:00:00Z")]
    [InlineData("2026-12-07T14:00:00Z", "2026-12-07T14:00:00Z")]
    public void A_step_due_in_the_quiet_hours_waits_until_they_end(string due, string goes) =>
        Assert.Equal(DateTimeOffset.Parse(goes, System.Globalization.CultureInfo.InvariantCulture),
            Read().OutsideQuietHours(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Quiet_hours_are_the_stores_local_time()
    {
        // New York in December is UTC-5: 02:00 UTC is 21:00 there, and the quiet hours end at 08:00 there, 13:00 UTC.
        var flows = Read(("flows.time_zone", "America/New_York"));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero), flows.OutsideQuietHours(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)));
    }
}
