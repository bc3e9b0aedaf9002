using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>The built-in flows besides the abandoned cart, each on the demo store with the clock moved by the test.</summary>
public sealed class BuiltInFlowTests
{
    private static async Task OrderAsync(StoreFactory store, StoreBrowser shopper, string email, int orders)
    {
        await FlowHarness.AddLanternsAsync(store, shopper);
        await shopper.SubmitAsync("/checkout", "/checkout", ("Form.Email", email), ("Form.Name", "Ada Lovelace"), ("Form.Country", "United Kingdom"));
        await FlowHarness.StoredAsync(store, shopper, "order_placed", orders);
    }

    [Fact]
    public async Task After_an_order_the_post_purchase_email_follows_in_a_week_and_win_back_only_reaches_who_has_not_ordered_again()
    {
        var (store, sink, clock) = await FlowHarness.StartAsync(null,
            ("flows.post_purchase.enabled", "true"), ("flows.win_back.enabled", "true"), ("flows.win_back.delays", "60d"), ("flows.frequency_cap", ""));
        await using var _ = store;
        await using var __ = sink;
        var lapsed = await FlowHarness.RegisterAsync(store, "lapsed@example.com", consents: true);
        var loyal = await FlowHarness.RegisterAsync(store, "loyal@example.com", consents: true);
        await OrderAsync(store, lapsed, "lapsed@example.com", 1);
        await OrderAsync(store, loyal, "loyal@example.com", 1);

        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var week = await FlowHarness.RunFlowsAsync(store);
        var thanks = await sink.WaitForAsync(2, TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromDays(23));
        // A month on, the loyal customer logs in again (the session has long expired) and orders again.
        await loyal.LogInAsync("loyal@example.com", "correct horse");
        await OrderAsync(store, loyal, "loyal@example.com", 2);
        clock.Advance(TimeSpan.FromMinutes(1));
        var reordered = await FlowHarness.RunFlowsAsync(store);
        clock.Advance(TimeSpan.FromDays(30));
        var twoMonths = await FlowHarness.RunFlowsAsync(store);
        var all = await sink.WaitForAsync(4, TimeSpan.FromSeconds(10));

        Assert.Equal(2, week.Sent);
        Assert.All(thanks, m => Assert.StartsWith("Thank you for your order ", m.Subject, StringComparison.Ordinal));
        // Day 60: the lapsed customer is won back; the loyal one ordered on day 30, so their win-back waits for day 90, and
        // their second order's thank-you goes now.
        var later = all.Skip(2).Select(m => (m.To.Mailboxes.Single().Address, m.Subject)).Order().ToList();
        Assert.Equal([("lapsed@example.com", "We miss you, Ada"), ("loyal@example.com", later[1].Subject)], later);
        Assert.StartsWith("Thank you for your order ", later[1].Subject, StringComparison.Ordinal);
        Assert.Equal((1, 0), (reordered.Entered, reordered.Sent));
        Assert.Equal(2, twoMonths.Sent);
    }

    [Fact]
    public async Task A_shopper_who_leaves_at_checkout_is_reminded_and_one_who_only_browsed_hears_about_the_product_unless_they_carted_it()
    {
        var (store, sink, clock) = await FlowHarness.StartAsync(null,
            ("flows.abandoned_checkout.enabled", "true"), ("flows.browse_abandonment.enabled", "true"), ("flows.frequency_cap", ""));
        await using var _ = store;
        await using var __ = sink;
        var checkout = await FlowHarness.RegisterAsync(store, "checkout@example.com", consents: true);
        await FlowHarness.AddLanternsAsync(store, checkout);
        await checkout.GetAsync("/checkout");
        await FlowHarness.StoredAsync(store, checkout, "checkout_started");
        var looker = await FlowHarness.RegisterAsync(store, "looker@example.com", consents: true);
        await looker.GetAsync($"/product/{FlowHarness.Lantern}");
        await FlowHarness.StoredAsync(store, looker, "product_viewed");
        var buyer = await FlowHarness.RegisterAsync(store, "carter@example.com", consents: true);
        await buyer.GetAsync($"/product/{FlowHarness.Lantern}");
        await FlowHarness.StoredAsync(store, buyer, "product_viewed");
        clock.Advance(TimeSpan.FromMinutes(10));
        await FlowHarness.AddLanternsAsync(store, buyer);

        clock.Advance(TimeSpan.FromHours(2));
        var run = await FlowHarness.RunFlowsAsync(store);
        var mail = (await sink.WaitForAsync(2, TimeSpan.FromSeconds(10))).ToDictionary(m => m.To.Mailboxes.Single().Address, m => m.Subject ?? "");

        // The checkout shopper also viewed the lantern and then carted it: browse abandonment lets them go.
        Assert.Equal(new Dictionary<string, string>
        {
            ["checkout@example.com"] = "Your order is almost done", ["looker@example.com"] = "Still thinking about White Metal Lantern?",
        }, mail);
        Assert.True(run.Skipped + run.Exited >= 2, $"{run}");
    }
}
