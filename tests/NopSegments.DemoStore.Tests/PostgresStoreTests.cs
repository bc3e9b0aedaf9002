using System.Net;
using NopSegments.Data;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Testing;

namespace NopSegments.DemoStore.Tests;

/// <summary>The store and the module on the shop's own PostgreSQL database.</summary>
public sealed class PostgresStoreTests
{
    [SkippableFact]
    public async Task A_customer_order_on_postgres_lands_in_the_store_and_in_the_module()
    {
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.PostgreSql);
        await using var store = await StoreFactory.CreateAsync(DatabaseProvider.PostgreSql);
        var shopper = store.NewBrowser();

        await shopper.LogInAsync(DemoAccounts.ShopperEmail, DemoAccounts.ShopperPassword);
        await shopper.SubmitAsync("/product/71053", "/cart?handler=add", ("sku", "71053"), ("quantity", "2"));
        var confirmation = await shopper.SubmitAsync("/checkout", "/checkout",
            ("Form.Email", DemoAccounts.ShopperEmail), ("Form.Name", "Sam Shopper"), ("Form.Country", "United Kingdom"));
        var orderNumber = confirmation.Path["/order/".Length..];

        Assert.True((await shopper.GetAsync("/account")).Shows(orderNumber), "new orders get ids after the seeded ones");
        // Newest first: today's visit, then the customer's backfilled 2010–2011 history.
        var events = await store.EventsAsync("17850");
        Assert.Equal(["product_ordered", "order_placed", "checkout_started", "added_to_cart", "product_viewed", "logged_in"],
            events.Take(6).Select(e => e.Name));
        Assert.Contains(events.Skip(6), e => e.Name == "order_placed" && e.OccurredAt.Year == 2010);
    }

    [SkippableFact]
    public async Task A_saved_segments_page_on_postgres_charts_pages_and_counts_its_members_orders()
    {
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.PostgreSql);
        await using var store = await StoreFactory.CreateAsync(DatabaseProvider.PostgreSql);
        var admin = store.NewBrowser();
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        await admin.SubmitAsync("/admin/nopsegments/segments/new", "/admin/nopsegments/segments",
            ("slug", "buyers"), ("name", "Buyers"), ("query", "orders_count >= 1"), ("action", "save"));
        await admin.SubmitAsync("/admin/nopsegments/segments/new", "/admin/nopsegments/segments",
            ("slug", "repeat"), ("name", "Repeat buyers"), ("query", "orders_count >= 2"), ("action", "save"));

        var page = await admin.GetAsync("/admin/nopsegments/segments/repeat");
        var next = System.Text.RegularExpressions.Regex.Match(page.Html, "href=\"[^\"]*members=([0-9]+)#members\"").Groups[1].Value;
        var second = await admin.GetAsync($"/admin/nopsegments/segments/repeat?members={next}");

        Assert.True(page.Shows("Members who ever ordered"), page.Text);
        Assert.True(page.Shows("who entered ordered after entering"), page.Text);
        Assert.Contains("data-overlap-with=\"buyers\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("\"size\":[", page.Html, StringComparison.Ordinal);
        Assert.Equal(50, System.Text.RegularExpressions.Regex.Count(page.Html, "data-member="));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.DoesNotContain($"data-member=\"{next}\"", second.Html, StringComparison.Ordinal);
        Assert.Contains("data-member=", second.Html, StringComparison.Ordinal);
    }
}
