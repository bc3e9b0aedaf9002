using Microsoft.Playwright;
using NopSegments.DemoStore.Tests.Infrastructure;

namespace NopSegments.DemoStore.Tests.Campaigns;

/// <summary>
/// A merchandiser's campaign in real Chromium: made in the admin's editor, set live, shown in its widget zone to a
/// shopper in its segment with the shopper's own code — which works at checkout once — and to nobody else; the
/// campaign's page then shows the view, click and conversion.
/// </summary>
public sealed class BrowserOfferTests
{
    private const string Lantern = "71053";

    private const string Comeback = """
        {
          "slug": "cart-comeback",
          "name": "10 % off for shoppers with a cart",
          "audience": { "segment": "carted", "pageTypes": ["product"] },
          "placement": "productdetails_top",
          "caps": { "perSession": 0 },
          "content": { "title": "Welcome back", "body": "<p>Take <strong>10 % off</strong> today.</p><img src=x onerror=\"window.__xss = 1\">",
                       "cta": "Back to your cart", "ctaUrl": "/cart" },
          "discount": { "percent": 10, "valid": "7d" }
        }
        """;

    [SkippableFact]
    public async Task A_shopper_in_the_segment_sees_the_offer_in_its_zone_and_its_code_works_once_and_an_outsider_sees_nothing()
    {
        Chromium.SkipUnlessInstalled();
        await using var store = await StoreFactory.CreateAsync(kestrel: true);
        await CampaignHarness.SegmentAsync(store, "carted", "cart_items_count > 0");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var origin = store.ServerAddress.ToString().TrimEnd('/');

        var owner = await (await browser.NewContextAsync(new() { BaseURL = origin })).NewPageAsync();
        await Chromium.LogInAsAdminAsync(owner);
        await owner.GotoAsync("/admin/nopsegments/campaigns/new");
        await owner.Locator("#campaign-definition").FillAsync(Comeback);
        await Assertions.Expect(owner.Locator("#campaign-preview figure[data-variant='A']")).ToContainTextAsync("Welcome back");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(owner.GetByText("Saved.")).ToBeVisibleAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Go live" }).ClickAsync();
        await Assertions.Expect(owner.Locator("[data-status]").First).ToHaveTextAsync("live");

        var shopperContext = await browser.NewContextAsync(new() { BaseURL = origin });
        var shopper = await shopperContext.NewPageAsync();
        await shopper.GotoAsync($"/product/{Lantern}");
        var before = await shopper.Locator(".nopsegments-offer").CountAsync();
        await shopper.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(shopper.GetByTestId("cart-count")).ToHaveTextAsync("1");
        var visitor = await CampaignHarness.VisitorOfAsync(store, shopperContext);
        await CampaignHarness.StoredAsync(store, visitor, "added_to_cart");

        var viewed = CampaignHarness.ViewReportedAsync(shopper);
        await shopper.GotoAsync($"/product/{Lantern}");
        var offer = shopper.Locator("main .nopsegments-offer[data-slot='productdetails_top']");
        await Assertions.Expect(offer).ToContainTextAsync("Welcome back");
        await viewed;
        var code = await offer.Locator("[data-nopsegments-code]").InnerTextAsync();
        // The report goes out (keepalive) as the link leaves the page: its answer may reach a page already gone, its request not.
        var clicked = shopper.WaitForRequestAsync(r => r.Url.EndsWith("/nopsegments/offers/clicked", StringComparison.Ordinal));
        await offer.GetByRole(AriaRole.Link, new() { Name = "Back to your cart" }).ClickAsync();
        await clicked;
        await shopper.WaitForURLAsync("**/cart");
        await shopper.GetByLabel("Discount code").FillAsync(code);
        await shopper.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(shopper.GetByText($"Discount {code} (10%)")).ToBeVisibleAsync();
        await shopper.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await shopper.GetByLabel("Email").FillAsync("offer.taker@example.com");
        await shopper.GetByLabel("Full name").FillAsync("Offer Taker");
        await shopper.GetByLabel("Country").SelectOptionAsync("Germany");
        await shopper.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(shopper.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your order" })).ToBeVisibleAsync();
        await CampaignHarness.StoredAsync(store, visitor, "order_placed");
        // Converted: the campaign stops for them.
        await shopper.GotoAsync($"/product/{Lantern}");
        var afterOrder = await shopper.Locator(".nopsegments-offer").CountAsync();

        var outsider = await (await browser.NewContextAsync(new() { BaseURL = origin })).NewPageAsync();
        await outsider.GotoAsync($"/product/{Lantern}");
        var outsiderOffers = await outsider.Locator(".nopsegments-offer, [data-nopsegments-offer]").CountAsync();
        await outsider.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await outsider.GotoAsync("/cart");
        await outsider.GetByLabel("Discount code").FillAsync(code);
        await outsider.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(outsider.GetByText($"The code {code} has expired or was already used.")).ToBeVisibleAsync();

        await owner.GotoAsync("/admin/nopsegments/campaigns/cart-comeback");
        var arm = owner.Locator("tr[data-arm='A']");
        await Assertions.Expect(arm.Locator("[data-people]")).ToHaveTextAsync("1");
        await Assertions.Expect(arm.Locator("[data-clicks]")).ToHaveTextAsync("1");
        await Assertions.Expect(arm.Locator("[data-conversions]")).ToHaveTextAsync("1");
        await Assertions.Expect(owner.Locator("#campaign-chart")).ToHaveAttributeAsync("data-drawn", "true");
        var events = await store.EventsAsync(visitor, "offer_viewed");

        Assert.Equal(0, before);
        Assert.Equal(0, afterOrder);
        Assert.Equal(0, outsiderOffers);
        Assert.Null(await shopper.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.StartsWith("CARTCOMEBA-", code, StringComparison.Ordinal);
        Assert.Contains("\"campaign\":\"cart-comeback\"", Assert.Single(events).Properties, StringComparison.Ordinal);
    }
}
