using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NopSegments.DemoStore.Cart;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Storage;
using NopSegments.DemoStore.Tests.Infrastructure;
using NopSegments.Hosting;

namespace NopSegments.DemoStore.Tests;

/// <summary>An email's restore link rebuilds the customer's cart in a browser that never saw it, and only while it is valid.</summary>
public sealed class CartRestoreTests
{
    private const string Lantern = "71053";

    [Fact]
    public async Task A_restore_link_rebuilds_the_customers_cart_in_a_fresh_browser()
    {
        await using var store = await StoreFactory.CreateAsync();
        string other;
        using (var scope = store.Services.CreateScope())
            other = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products.Where(p => p.Sku != Lantern).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync();
        var customer = store.NewBrowser();
        await customer.LogInAsync(DemoAccounts.ShopperEmail, DemoAccounts.ShopperPassword);
        await customer.SubmitAsync($"/product/{Lantern}", "/cart?handler=add", ("sku", Lantern), ("quantity", "2"));
        await customer.SubmitAsync($"/product/{other}", "/cart?handler=add", ("sku", other), ("quantity", "1"));

        CartSnapshot cart;
        using (var scope = store.Services.CreateScope())
            cart = await scope.ServiceProvider.GetRequiredService<ICartReader>().GetCartAsync("17850", "unused");
        var fresh = store.NewBrowser();
        var restored = await fresh.GetAsync(cart.RestoreUrl.PathAndQuery);

        Assert.Equal("/cart", restored.Path);
        Assert.True(restored.Shows("Your cart is back: 2 products."), restored.Text);
        Assert.True(restored.Shows("White Metal Lantern"), restored.Text);
        Assert.Equal([(Lantern, 2), (other, 1)], cart.Lines.Select(l => (l.Sku, l.Quantity)).OrderBy(l => l.Sku == other));
        Assert.Equal(2, (await store.EventsAsync(fresh.VisitorId, "added_to_cart")).Count);
    }

    [Fact]
    public async Task A_tampered_or_expired_link_says_so_and_changes_nothing()
    {
        await using var store = await StoreFactory.CreateAsync();
        Uri expired;
        using (var scope = store.Services.CreateScope())
            expired = scope.ServiceProvider.GetRequiredService<CartRestoreLinks>().Create([new CartRestoreLinks.Line(Lantern, 1)], DateTimeOffset.UtcNow.AddMinutes(-1));
        var browser = store.NewBrowser();

        var old = await browser.GetAsync(expired.PathAndQuery);
        var forged = await browser.GetAsync("/cart/restore?token=CfDJ8forged");

        Assert.True(old.Shows("This cart link has expired or is not valid."), old.Text);
        Assert.True(forged.Shows("This cart link has expired or is not valid."), forged.Text);
        Assert.True(forged.Shows("Your cart is empty"), forged.Text);
    }
}
