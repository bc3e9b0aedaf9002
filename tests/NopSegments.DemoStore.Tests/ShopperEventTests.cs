using System.Net;
using System.Text.Json;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

public sealed class ShopperEventTests
{
    private const string Lantern = "71053"; // WHITE METAL LANTERN, on the retailer's first invoice

    [Fact]
    public async Task Browsing_records_product_category_and_search_views_for_the_visitor()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync($"/product/{Lantern}")).Status);
        await shopper.GetAsync("/category/candles-lights");
        await shopper.GetAsync("/search?q=lantern");

        var events = await store.EventsAsync(shopper.VisitorId);
        Assert.Equal(["searched", "category_viewed", "product_viewed"], events.Select(e => e.Name));
        var view = JsonDocument.Parse(events[2].Properties).RootElement;
        Assert.Equal(Lantern, view.GetProperty("sku").GetString());
        Assert.Equal("White Metal Lantern", view.GetProperty("product_name").GetString());
        Assert.Equal("Candles & Lights", view.GetProperty("category").GetString());
        Assert.Equal("Candles & Lights", JsonDocument.Parse(events[1].Properties).RootElement.GetProperty("category").GetString());
        Assert.Equal("lantern", JsonDocument.Parse(events[0].Properties).RootElement.GetProperty("query").GetString());
        Assert.All(events, e => Assert.Equal(events[0].SessionId, e.SessionId));
        Assert.All(events, e => Assert.Null(e.CustomerId));
    }

    [Fact]
    public async Task Cart_changes_discount_and_guest_checkout_record_the_buying_journey()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "3"));
        await shopper.SubmitAsync("/cart", "/cart?handler=update", ("sku", Lantern), ("quantity", "5"));
        await shopper.SubmitAsync("/cart", "/cart?handler=update", ("sku", Lantern), ("quantity", "4"));
        await shopper.SubmitAsync("/cart", "/cart?handler=discount", ("code", "welcome10"));
        var confirmation = await shopper.SubmitAsync("/checkout", "/checkout",
            ("Form.Email", "new.guest@example.com"), ("Form.Name", "New Guest"), ("Form.Country", "France"), ("Form.City", "Lyon"));

        Assert.StartsWith("/order/", confirmation.Path, StringComparison.Ordinal);
        Assert.True(confirmation.Shows("Thank you for your order"));
        var events = (await store.EventsAsync(shopper.VisitorId)).Reverse().ToList();
        Assert.Equal(["product_viewed", "added_to_cart", "added_to_cart", "removed_from_cart", "discount_applied", "checkout_started", "order_placed", "product_ordered"],
            events.Select(e => e.Name));
        events.RemoveAt(0);
        Assert.Equal([3, 2, 1], events.Take(3).Select(e => Json(e.Properties).GetProperty("quantity").GetInt32()));
        var order = Json(events[5].Properties);
        var orderNumber = confirmation.Path["/order/".Length..];
        Assert.Equal(orderNumber, order.GetProperty("order_id").GetString());
        Assert.Equal(12.20m, order.GetProperty("value").GetDecimal()); // 4 × £3.39 = £13.56, less 10% rounded to the penny (£1.36)
        Assert.Equal("WELCOME10", order.GetProperty("discount_code").GetString());
        Assert.Equal("France", order.GetProperty("country").GetString());
        Assert.Equal("GBP", order.GetProperty("currency").GetString());
        Assert.Equal(12.20m, Json(events[4].Properties).GetProperty("value").GetDecimal());
        Assert.NotNull(events[5].CustomerId);
        Assert.Equal(events[5].CustomerId, events[6].CustomerId);
        Assert.Equal(orderNumber, Json(events[6].Properties).GetProperty("order_id").GetString());
        Assert.Equal("0", (await shopper.GetAsync("/")).Html.Split("data-testid=\"cart-count\">")[1][..1]);
    }

    [Fact]
    public async Task Removing_a_line_records_the_whole_quantity_removed()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "2"));
        var cart = await shopper.SubmitAsync("/cart", "/cart?handler=remove", ("sku", Lantern));

        Assert.True(cart.Shows("Your cart is empty"));
        var removed = Assert.Single(await store.EventsAsync(shopper.VisitorId, "removed_from_cart"));
        Assert.Equal(2, Json(removed.Properties).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Sign_up_log_in_and_consent_changes_are_recorded_with_the_customer_id()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        var account = await shopper.SubmitAsync("/register", "/register",
            ("Form.Email", "ada@example.com"), ("Form.Password", "correct horse"), ("Form.FirstName", "Ada"),
            ("Form.LastName", "Lovelace"), ("Form.Country", "United Kingdom"), ("Form.AcceptsMarketing", "true"));
        Assert.True(account.Shows("Welcome, Ada!"));
        await shopper.SubmitAsync("/account", "/account?handler=consent");
        await shopper.SubmitAsync("/", "/logout");
        await shopper.LogInAsync("ada@example.com", "correct horse");

        var events = (await store.EventsAsync(shopper.VisitorId)).Reverse().ToList();
        Assert.Equal(["signed_up", "subscribed", "unsubscribed", "logged_in"], events.Select(e => e.Name));
        Assert.Single(events.Select(e => e.CustomerId).Distinct());
        Assert.NotNull(events[0].CustomerId);
    }

    [Fact]
    public async Task A_returning_customer_keeps_their_guest_cart_and_their_order_history()
    {
        await using var store = await StoreFactory.CreateAsync();
        var shopper = store.NewBrowser();

        await shopper.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "1"));
        await shopper.LogInAsync(DemoAccounts.ShopperEmail, DemoAccounts.ShopperPassword);

        var cart = await shopper.GetAsync("/cart");
        Assert.True(cart.Shows("White Metal Lantern"));
        var account = await shopper.GetAsync("/account");
        Assert.True(account.Shows("536365"), "the seeded first invoice belongs to the demo shopper");
        var login = Assert.Single(await store.EventsAsync(shopper.VisitorId, "logged_in"));
        Assert.Equal("17850", login.CustomerId);
    }

    private static JsonElement Json(string properties) => JsonDocument.Parse(properties).RootElement;

    [Fact]
    public async Task Every_event_carries_its_sessions_source_campaign_and_device()
    {
        await using var store = await StoreFactory.CreateAsync();
        var emailed = store.NewBrowser();
        var searcher = store.NewBrowser(userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1",
            referrer: "https://www.google.co.uk/");

        await emailed.GetAsync("/?utm_source=newsletter&utm_medium=email&utm_campaign=spring");
        await emailed.GetAsync($"/product/{Lantern}");
        await searcher.GetAsync("/search?q=lantern");

        var view = Json(Assert.Single(await store.EventsAsync(emailed.VisitorId)).Properties);
        Assert.Equal(("email", "newsletter", "email", "spring", "desktop"),
            (view.GetProperty("source").GetString(), view.GetProperty("utm_source").GetString(), view.GetProperty("utm_medium").GetString(),
             view.GetProperty("utm_campaign").GetString(), view.GetProperty("device").GetString()));
        var search = Json(Assert.Single(await store.EventsAsync(searcher.VisitorId)).Properties);
        Assert.Equal(("organic_search", "mobile"), (search.GetProperty("source").GetString(), search.GetProperty("device").GetString()));
    }
}
