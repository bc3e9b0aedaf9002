using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.Data.Segments;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Web.Flows;

namespace NopSegments.DemoStore.Tests;

/// <summary>
/// A custom flow made in the admin: entering a saved segment starts it, a segment-language filter picks who enters, and
/// its steps go out as a signed webhook and an SMS to local HTTP servers standing in for the marketing tool and the provider.
/// </summary>
public sealed class CustomFlowTests
{
    [Fact]
    public async Task A_segment_entry_sends_a_signed_webhook_then_an_sms_to_who_passes_the_filter_and_has_a_phone()
    {
        var (store, sink, clock) = await FlowHarness.StartAsync(null, ("flows.frequency_cap", ""), ("flows.quiet_hours", ""));
        await using var _ = store;
        await using var __ = sink;
        await using var hooks = await HookSink.StartAsync();
        await store.Services.GetRequiredService<SavedSegments>().SaveAsync(new SegmentDraft("big-carts", "Big carts", null, "cart_items_count >= 2"));
        var admin = store.NewBrowser();
        await admin.LogInAsync(NopSegments.DemoStore.Seeding.DemoAccounts.AdminEmail, NopSegments.DemoStore.Seeding.DemoAccounts.AdminPassword);
        const string Flows = "/admin/nopsegments/flows", Page = Flows + "/big_cart";
        var taken = await admin.SubmitFormAsync(Flows, Flows + "/new", ("key", "abandoned_cart"), ("name", "Clash"));
        var created = await admin.SubmitFormAsync(Flows, Flows + "/new", ("key", "big_cart"), ("name", "Big carts"));
        var refused = await admin.SubmitFormAsync(Page, Page, ("flows.big_cart.trigger", "segment:no-such-segment"));
        var saved = await admin.SubmitFormAsync(Page, Page, ("flows.big_cart.enabled", "true"), ("flows.big_cart.trigger", "segment:big-carts"),
            ("flows.big_cart.filter", "product_viewed(within 1d) >= 2 AND in_segment(\"big-carts\")"), ("flows.big_cart.exit", "orders_count >= 1"),
            ("flows.big_cart.delays", "10m,20m"), ("flows.big_cart.channels", "webhook,sms"));
        await admin.SubmitFormAsync(Flows, Flows, ("channels.webhook.url", new Uri(hooks.Address, "hooks").AbsoluteUri), ("channels.webhook.secret", "s3cret"),
            ("channels.sms.url", new Uri(hooks.Address, "sms").AbsoluteUri), ("channels.sms.token", "tok"), ("channels.sms.from", "HEARTH"));

        await ShopperAsync(store, "uk@example.com", "+447700900123", views: 2);
        await ShopperAsync(store, "nophone@example.com", null, views: 2);
        await ShopperAsync(store, "glance@example.com", "+447700900999", views: 1);
        clock.Advance(TimeSpan.FromMinutes(11));
        var first = await FlowHarness.RunFlowsAsync(store);
        var webhooks = hooks.Requests.Where(r => r.Path == "/hooks").ToList();
        clock.Advance(TimeSpan.FromMinutes(10));
        var second = await FlowHarness.RunFlowsAsync(store);
        var texts = hooks.Requests.Where(r => r.Path == "/sms").ToList();
        var page = await admin.GetAsync(Page);
        var deleted = await admin.SubmitAsync(Page, Page + "/delete");
        var gone = await admin.GetAsync(Page);

        Assert.True(taken.Shows("There is already a flow 'abandoned_cart'."), taken.Text);
        Assert.Equal(Page, created.Path);
        Assert.True(refused.Shows("flows.big_cart.trigger: 'no-such-segment' is not a saved segment"), refused.Text);
        Assert.True(saved.Shows("Saved."), saved.Text);
        Assert.Equal((2, 1, 2), (first.Entered, first.Skipped, first.Sent));
        Assert.Equal(2, webhooks.Count);
        foreach (var hook in webhooks)
        {
            Assert.Equal("sha256=" + WebhookChannel.Sign("s3cret", hook.Headers["X-NopSegments-Timestamp"], hook.Body), hook.Headers["X-NopSegments-Signature"]);
            using var json = JsonDocument.Parse(hook.Body);
            Assert.Equal("big_cart", json.RootElement.GetProperty("flow_key").GetString());
            Assert.Equal("White Metal Lantern", json.RootElement.GetProperty("cart").GetProperty("lines")[0].GetProperty("name").GetString());
        }
        Assert.Equal(["nophone@example.com", "uk@example.com"],
            webhooks.Select(h => JsonDocument.Parse(h.Body).RootElement.GetProperty("shopper").GetProperty("email").GetString()).Order());
        var text = Assert.Single(texts);
        Assert.Equal("Bearer tok", text.Headers["Authorization"]);
        using (var sms = JsonDocument.Parse(text.Body))
        {
            Assert.Equal(("HEARTH", "+447700900123"), (sms.RootElement.GetProperty("from").GetString(), sms.RootElement.GetProperty("to").GetString()));
            Assert.Contains("/cart/restore?token=", sms.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(1, second.Sent);
        Assert.Contains("no phone", page.Text, StringComparison.Ordinal);
        Assert.Empty(sink.Received);
        Assert.Equal(Flows, deleted.Path);
        Assert.DoesNotContain("data-flow=\"big_cart\"", deleted.Html, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.Status);
    }

    private static async Task ShopperAsync(StoreFactory store, string email, string? phone, int views)
    {
        var shopper = await FlowHarness.RegisterAsync(store, email, consents: true, phone);
        for (var i = 1; i < views; i++)
            await shopper.GetAsync($"/product/{FlowHarness.Lantern}");
        await FlowHarness.AddLanternsAsync(store, shopper);
        await FlowHarness.StoredAsync(store, shopper, "product_viewed", views);
    }
}
