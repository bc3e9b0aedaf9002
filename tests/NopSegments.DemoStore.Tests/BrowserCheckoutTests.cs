using Microsoft.Playwright;
using NopSegments.DemoStore.Seeding;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests;

/// <summary>A shopper and the shop owner in real Chromium against the store on a real Kestrel port.</summary>
public sealed class BrowserCheckoutTests
{
    [SkippableFact]
    public async Task A_guest_checkout_shows_up_in_the_admins_store_events()
    {
        Chromium.SkipUnlessInstalled();
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var origin = store.ServerAddress.ToString().TrimEnd('/');

        var shopper = await browser.NewContextAsync(new() { BaseURL = origin });
        var page = await shopper.NewPageAsync();
        await page.GotoAsync("/product/71053");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cart-count")).ToHaveTextAsync("1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("browser.guest@example.com");
        await page.GetByLabel("Full name").FillAsync("Browser Guest");
        await page.GetByLabel("Country").SelectOptionAsync("Germany");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your order" })).ToBeVisibleAsync();
        var orderNumber = await page.GetByTestId("order-number").InnerTextAsync();
        var cookie = (await shopper.CookiesAsync()).Single(c => c.Name == "nopsegments.vid");
        var visitor = store.UnprotectVisitorCookie(Uri.UnescapeDataString(cookie.Value))!;

        var owner = await browser.NewContextAsync(new() { BaseURL = origin });
        var admin = await owner.NewPageAsync();
        await Chromium.LogInAsAdminAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Store events" }).ClickAsync();
        await admin.GetByPlaceholder("Visitor or customer id").FillAsync(visitor);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var rows = admin.Locator($"tr[data-visitor='{visitor}']");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.event)");
        // The browser tracker's page events interleave with the store's; the store's must all be there, in order.
        // The checkout's email field identifies the guest when it is left, in a request beside the order's.
        string[] pageEvents = ["page_viewed", "page_exited", "session_started", "identified"];
        Assert.Equal(["product_ordered", "order_placed", "checkout_started", "added_to_cart", "product_viewed"], shown.Where(e => !pageEvents.Contains(e)));
        Assert.Contains("page_viewed", shown);
        Assert.Contains("identified", shown);
        await Assertions.Expect(admin.Locator("tr[data-event='order_placed']")).ToContainTextAsync(orderNumber);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "nopsegments-admin-events.png"), FullPage = true });
    }
}
